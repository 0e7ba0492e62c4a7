// The Laporan Tertulis from the case: the counsellor's report with the client's identity.
import type { DocumentSource } from "../documentSource.ts";
import type { LaporanTertulisDocument } from "./laporanTertulisDocument.ts";

export async function buildLaporanTertulis(src: DocumentSource): Promise<LaporanTertulisDocument> {
  return { kind: "laporan_tertulis", header: src.header, client: src.client, report: src.text, counsellor: src.actor, date: src.actedAt };
}
