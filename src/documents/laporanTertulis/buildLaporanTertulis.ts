// The Laporan Tertulis from the case: the counsellor's report with the client's identity. Made at a later step than
// the one that wrote it (the Kepala Unit's report up the chain, BK row 9), it names the report's writer.
import type { DocumentSource } from "../documentSource.ts";
import type { LaporanTertulisDocument } from "./laporanTertulisDocument.ts";

export async function buildLaporanTertulis(src: DocumentSource): Promise<LaporanTertulisDocument> {
  const counsellor = src.textFromOtherStep ? await src.textAuthor() : src.actor;
  return { kind: "laporan_tertulis", header: src.header, client: src.client, report: src.text, counsellor, date: src.actedAt };
}
