// Form Konseling: the counsellor's record of the counselling sessions (SOP Konseling PUSPAGA row 5).
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { writeClientSection, writeNumberedEntries } from "../layoutParts.ts";
import type { FormKonselingDocument } from "./formKonselingDocument.ts";
import { formKonselingTexts } from "./formKonselingTexts.ts";

/** Case and counsellor; the client's identity (no contacts); the problem; each session; the plan; the counsellor's signature. */
export function layoutFormKonseling(w: DocumentWriter, doc: FormKonselingDocument): void {
  const k = formKonselingTexts;
  const zone = doc.header.timeZone;
  w.heading(k.heading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [k.counsellor, t.person(doc.counsellor)],
    [k.sessionCount, String(doc.sessions.length)],
  ]);
  writeClientSection(w, k.identity, doc.client, { withContacts: false });
  w.section(k.problem, doc.problem);
  const sessions = doc.sessions.map((s) => ({
    title: k.session,
    rows: [
      [k.sessionDate, formatDocumentDateTime(s.at, zone)],
      [k.sessionBy, t.person(s.by)],
      [k.sessionNotes, s.notes],
    ] as const,
  }));
  writeNumberedEntries(w, k.sessions, sessions, k.noSessions);
  w.section(k.plan, doc.plan);
  w.signature(doc.counsellor);
}
