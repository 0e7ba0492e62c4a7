// Form/Surat Rujukan: PUSPAGA's referral letter with its approval trail: its data and the checks on it.
import { client, date, filled, person, text, type Problems } from "../checkFields.ts";
import type { DocumentClient, DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** One approval the referral went through: a run of an approval step of the case. */
export interface ApprovalTrailEntry {
  /** The SOP's number of the step ("6.4") and its activity. */
  stepNo: string;
  activity: string;
  by: DocumentPerson;
  /** The result as printed: "Disetujui", "Dikembalikan untuk diperbaiki", or the flow's own label. */
  result: string;
  /** What the approver wrote (a reason for sending back, an instruction); empty when nothing. */
  note: string;
  at: Date;
}

/**
 * Form Rujukan (SOP Konseling PUSPAGA row 6 and the flowchart's referral branch): the referral of the klien to
 * another institution, with the report it rests on and every approval it went through (Eselon IV, Eselon III,
 * Kepala Dinas), sends-back included, oldest first.
 */
export interface SuratRujukanDocument {
  kind: "surat_rujukan";
  header: DocumentHeader;
  /** The client's identity; printed without contacts (the letter is shown to each approver). */
  client: DocumentClient;
  /** The referral report: why the klien is referred, and where. */
  reason: string;
  /** The signatory's own note when the letter is made after the report (e.g. the instructed destination); omitted when absent. */
  note?: string;
  /** The approval trail; empty when no approval step has run yet (printed as such). */
  approvals: ApprovalTrailEntry[];
  date: Date;
  signedBy: DocumentPerson;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkSuratRujukan(doc: SuratRujukanDocument, out: Problems): void {
  client(out, doc.client);
  text(out, "reason", doc.reason);
  if (doc.note !== undefined) text(out, "note", doc.note);
  if (!Array.isArray(doc.approvals)) out.push("approvals must be a list (it may be empty)");
  else {
    for (const [i, a] of doc.approvals.entries()) {
      filled(out, `approvals[${i}].stepNo`, a?.stepNo);
      filled(out, `approvals[${i}].activity`, a?.activity);
      person(out, `approvals[${i}].by`, a?.by);
      filled(out, `approvals[${i}].result`, a?.result);
      text(out, `approvals[${i}].note`, a?.note);
      date(out, `approvals[${i}].at`, a?.at);
    }
  }
  date(out, "date", doc.date);
  person(out, "signedBy", doc.signedBy);
}
