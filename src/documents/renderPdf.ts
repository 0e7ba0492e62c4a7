// The documents' front door: SOP document data in, PDF bytes out. Pure apart from reading the font files;
// the case engine archives the bytes, the chat sends them, the dashboard offers them for download.
import { checkDocument } from "./checkDocument.ts";
import { documentTexts as t } from "./documentTexts.ts";
import type { SopDocument } from "./documentTypes.ts";
import { DocumentWriter } from "./documentWriter.ts";
import { layoutDisposisi } from "./layouts/disposisi.ts";
import { layoutFormulirPendaftaran } from "./layouts/formulirPendaftaran.ts";
import { layoutLaporanRencanaPengawasan } from "./layouts/laporanRencanaPengawasan.ts";
import { layoutLaporanTertulis } from "./layouts/laporanTertulis.ts";
import { layoutNotaDinas } from "./layouts/notaDinas.ts";

/** "Disposisi — Kasus #12": the PDF's title, and a caption for the chat or the dashboard (no client data). */
export function documentTitle(doc: SopDocument): string {
  return `${t.names[doc.kind]} — Kasus #${doc.header.caseNo}`;
}

/** "kasus-12-disposisi.pdf": a download name that sorts by case and says what it is (no client data). */
export function documentFileName(doc: SopDocument): string {
  const slug = t.names[doc.kind].toLowerCase().replace(/\s+/g, "-");
  const sequence = doc.kind === "nota_dinas" && doc.sequence !== undefined && doc.sequence > 1 ? `-${doc.sequence}` : "";
  return `kasus-${doc.header.caseNo}-${slug}${sequence}.pdf`;
}

/**
 * The document as a PDF: letterhead (organisation, SOP, case, generation time) and "RAHASIA … Halaman x
 * dari y" on every page. Same input, same bytes (the PDF's dates come from header.generatedAt).
 * Throws DocumentInputError naming every unusable field.
 */
export async function renderDocumentPdf(doc: SopDocument): Promise<Buffer> {
  checkDocument(doc);
  const w = new DocumentWriter({ title: documentTitle(doc), header: doc.header });
  switch (doc.kind) {
    case "formulir_pendaftaran":
      layoutFormulirPendaftaran(w, doc);
      break;
    case "laporan_rencana_pengawasan":
      layoutLaporanRencanaPengawasan(w, doc);
      break;
    case "laporan_tertulis":
      layoutLaporanTertulis(w, doc);
      break;
    case "nota_dinas":
      layoutNotaDinas(w, doc);
      break;
    case "disposisi":
      layoutDisposisi(w, doc);
      break;
    default: {
      const unknown: never = doc;
      throw new Error(`No layout for document kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
  return w.finish();
}
