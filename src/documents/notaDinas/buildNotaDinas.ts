// The Nota Dinas from the case: the report it carries, sent in the name of whoever approved it.
import type { DocumentSource } from "../documentSource.ts";
import type { NotaDinasDocument } from "./notaDinasDocument.ts";

const COUNT_WORDS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

/** Lampiran as an official letter writes it: "1 (satu) berkas: Laporan Tertulis"; none when nothing is attached. */
function attachmentLine(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  return `${names.length} (${COUNT_WORDS[names.length] ?? names.length}) berkas: ${names.join("; ")}`;
}

export async function buildNotaDinas(src: DocumentSource): Promise<NotaDinasDocument> {
  const earlier = await src.earlierOfSameKind();
  return {
    kind: "nota_dinas",
    header: src.header,
    to: src.recipients.join(", ") || "-",
    from: src.actor.role,
    date: src.actedAt,
    subject: `Laporan tertulis Kasus #${src.caseNo}`,
    body: src.text,
    // The approver's note from approving this step (the report itself comes from an earlier step).
    signatoryNote: src.textFromOtherStep && src.stepNote ? src.stepNote : undefined,
    attachments: attachmentLine(src.attachNames),
    copies: src.copies.length ? src.copies.join(", ") : undefined,
    sequence: earlier + 1,
    signedBy: src.actor,
  };
}
