// Form Konseling: the counsellor's record of the counselling sessions: its data and the checks on it.
import { client, date, person, text, type Problems } from "../checkFields.ts";
import type { DocumentClient, DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** One counselling session as the counsellor recorded it. */
export interface FormKonselingSession {
  at: Date;
  by: DocumentPerson;
  /** What was done in the session, as the counsellor wrote it. */
  notes: string;
}

/**
 * Form Konseling (SOP Konseling PUSPAGA row 5, and the input of the branches after row 6): the client, the
 * problem, each session (date, counsellor, what was done) and the plan that follows.
 */
export interface FormKonselingDocument {
  kind: "form_konseling";
  header: DocumentHeader;
  /** The client's identity; printed without contacts (the form goes to the staff who follow up). */
  client: DocumentClient;
  /** The counsellor responsible (of the latest session). */
  counsellor: DocumentPerson;
  /** The problem (keluhan) as the client stated it at registration. */
  problem: string;
  /** The sessions, oldest first; at least one. */
  sessions: FormKonselingSession[];
  /** Rencana tindak lanjut: what follows the sessions (may be empty: printed as not given). */
  plan: string;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkFormKonseling(doc: FormKonselingDocument, out: Problems): void {
  client(out, doc.client);
  person(out, "counsellor", doc.counsellor);
  text(out, "problem", doc.problem);
  if (!Array.isArray(doc.sessions) || doc.sessions.length === 0) out.push("sessions must list at least one counselling session");
  else {
    for (const [i, s] of doc.sessions.entries()) {
      date(out, `sessions[${i}].at`, s?.at);
      person(out, `sessions[${i}].by`, s?.by);
      text(out, `sessions[${i}].notes`, s?.notes);
    }
  }
  text(out, "plan", doc.plan);
}
