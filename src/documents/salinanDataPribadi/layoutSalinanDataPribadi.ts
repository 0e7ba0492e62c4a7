// Salinan Data Pribadi on the page: identity, chat handles, consents, each case (what the client told, where the
// case went, sessions, documents), the messages, and what is not in it and whom to ask.
import { clientRows } from "../clientRows.ts";
import { formatDocumentDateTime } from "../documentDates.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import type { SalinanDataPribadiDocument } from "./salinanDataPribadiDocument.ts";
import { salinanDataPribadiTexts as r } from "./salinanDataPribadiTexts.ts";

export function layoutSalinanDataPribadi(w: DocumentWriter, doc: SalinanDataPribadiDocument): void {
  const zone = doc.header.timeZone;
  const when = (at: Date) => formatDocumentDateTime(at, zone);
  w.heading(r.heading, r.subheading);
  w.title(r.identity);
  w.fields([
    [r.nameLabel, doc.name ?? r.none],
    [r.kind, doc.clientKind ?? r.none],
    [r.language, doc.language],
    [r.since, when(doc.since)],
  ]);

  w.title(r.handles);
  if (doc.handles.length === 0) w.paragraph(r.noHandles);
  else w.fields(doc.handles.map((h) => [h.channel, `${h.address} (${r.since.toLowerCase()} ${when(h.since)})`] as const));

  w.title(r.consents);
  if (doc.consents.length === 0) w.paragraph(r.noConsents);
  for (const c of doc.consents) {
    w.fields([
      [r.consentVersion, c.textVersion],
      [r.channel, c.channel],
      [r.consentGiven, when(c.givenAt)],
      [r.consentWithdrawn, c.withdrawnAt ? when(c.withdrawnAt) : r.notWithdrawn],
    ]);
  }

  w.title(r.cases);
  if (doc.cases.length === 0) w.paragraph(r.noCases);
  for (const c of doc.cases) {
    w.subtitle(r.caseTitle(c));
    w.fields([
      [r.status, c.status],
      [r.opened, when(c.openedAt)],
      [r.closed, c.closedAt ? when(c.closedAt) : r.none],
    ]);
    if (c.client) w.fields(clientRows(c.client, { withContacts: true }));
    w.section(r.complaint, c.complaint ?? r.anonymised);
    if (c.steps.length) {
      w.section(
        r.steps,
        c.steps
          .map((s) =>
            r.stepLine({ stepNo: s.stepNo, activity: s.activity, asked: when(s.askedAt), done: s.actedAt ? r.stepDone(when(s.actedAt)) : r.stepWaiting }),
          )
          .join("\n"),
      );
    }
    if (c.sessions.length) {
      w.section(
        r.sessions,
        c.sessions.map((s) => r.sessionLine({ from: when(s.startsAt), to: when(s.endsAt), status: s.status, link: s.link ?? "" })).join("\n"),
      );
    }
    if (c.documents.length) w.section(r.documents, c.documents.join("\n"));
  }

  w.title(r.messages);
  if (doc.messages.length === 0) w.paragraph(r.noMessages);
  for (const m of doc.messages) {
    w.subtitle(r.messageTitle({ at: when(m.at), from: m.from, caseNo: m.caseNo }));
    w.paragraph([m.text || r.none, m.attachments.length ? r.attachments(m.attachments) : ""].filter(Boolean).join("\n"));
  }

  w.section(r.notes, r.notesBody({ retentionDays: doc.retentionDays, contact: doc.contact }));
}
