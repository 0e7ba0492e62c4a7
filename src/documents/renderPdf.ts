// The documents' front door: SOP document data in, PDF bytes out. Pure apart from reading the font files;
// the case engine archives the bytes, the chat sends them, the dashboard offers them for download.
import { checkDocument } from "./checkDocument.ts";
import { documentModule, documentName } from "./documentKinds.ts";
import type { DocumentKind, DocumentsByKind, SopDocument } from "./documentTypes.ts";
import { DocumentWriter } from "./documentWriter.ts";

/** "Disposisi — Kasus #12": the PDF's title, and a caption for the chat or the dashboard (no client data). */
export function documentTitle(doc: SopDocument): string {
  return doc.header.caseNo === null ? documentName(doc.kind) : `${documentName(doc.kind)} — Kasus #${doc.header.caseNo}`;
}

/** "kasus-12-disposisi.pdf": a download name that sorts by case and says what it is (no client data). */
export function documentFileName(doc: SopDocument): string {
  const slug = documentName(doc.kind).toLowerCase().replace(/\s+/g, "-");
  return doc.header.caseNo === null ? `${slug}.pdf` : `kasus-${doc.header.caseNo}-${slug}${fileNameSuffix(doc)}.pdf`;
}

/**
 * The document as a PDF: letterhead (organisation, SOP, case, generation time) and "RAHASIA … Halaman x
 * dari y" on every page. Same input, same bytes (the PDF's dates come from header.generatedAt).
 * Throws DocumentInputError naming every unusable field.
 */
export async function renderDocumentPdf(doc: SopDocument): Promise<Buffer> {
  checkDocument(doc);
  const w = new DocumentWriter({ title: documentTitle(doc), header: doc.header });
  layout(w, doc);
  return w.finish();
}

function layout<K extends DocumentKind>(w: DocumentWriter, doc: DocumentsByKind[K]): void {
  documentModule(doc.kind as K).layout(w, doc);
}

function fileNameSuffix<K extends DocumentKind>(doc: DocumentsByKind[K]): string {
  return documentModule(doc.kind as K).fileNameSuffix?.(doc) ?? "";
}
