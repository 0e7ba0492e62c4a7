// Reads a generated PDF back the way a viewer would: parses it with pdf.js (through unpdf) and returns
// each page's text, whitespace collapsed, plus the document's metadata.
import { extractText, getDocumentProxy } from "unpdf";

export interface ReadPdf {
  pages: string[];
  /** All pages joined with a space, whitespace collapsed. */
  text: string;
  info: Record<string, unknown>;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/** Parses the bytes (throws if they are not a PDF pdf.js can open) and extracts the text per page. */
export async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const { info } = await pdf.getMetadata();
  const pages = text.map(collapse);
  return { pages, text: pages.join(" "), info: info as Record<string, unknown> };
}
