// Form Registrasi: PUSPAGA's registration form (SOP Konseling PUSPAGA rows 2–3).
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { writeClientSection, writeConsentSection } from "../layoutParts.ts";
import type { FormRegistrasiDocument } from "./formRegistrasiDocument.ts";
import { formRegistrasiTexts } from "./formRegistrasiTexts.ts";

/** Registration: how the klien came and who accompanied them; the klien's data with contacts; the problem; consent; the staff member's signature. */
export function layoutFormRegistrasi(w: DocumentWriter, doc: FormRegistrasiDocument): void {
  const f = formRegistrasiTexts;
  const zone = doc.header.timeZone;
  const channel = t.channels[doc.channel] ?? doc.channel;
  w.heading(f.heading, f.subheading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [f.registeredAt, formatDocumentDateTime(doc.registeredAt, zone)],
    [f.arrival, doc.registeredBy ? f.walkIn : f.online(channel)],
    [f.accompaniedBy, doc.registeredBy ? t.person(doc.registeredBy) : f.noStaff],
    [f.recordedVia, channel],
  ]);
  writeClientSection(w, f.client, doc.client, { withContacts: true });
  w.section(f.problem, doc.complaint);
  writeConsentSection(w, f.consent, doc.consent, zone);
  if (doc.registeredBy) w.signature(doc.registeredBy);
}
