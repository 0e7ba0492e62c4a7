// The Disposisi from the case: the directive its giver wrote, addressed to whoever acts next.
import type { DocumentSource } from "../documentSource.ts";
import type { DisposisiDocument } from "./disposisiDocument.ts";

export async function buildDisposisi(src: DocumentSource): Promise<DisposisiDocument> {
  return {
    kind: "disposisi",
    header: src.header,
    directive: src.stepNote ?? "-",
    givenBy: src.actor,
    givenAt: src.actedAt,
    forwardTo: src.recipients.length ? src.recipients : ["-"],
    subject: `Laporan Kasus #${src.caseNo}`,
  };
}
