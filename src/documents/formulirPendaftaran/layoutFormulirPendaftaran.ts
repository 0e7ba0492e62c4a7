// Formulir Pendaftaran Konseling: the registration form, made from the intake record.
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { FormulirPendaftaranDocument } from "./formulirPendaftaranDocument.ts";
import { formulirPendaftaranTexts } from "./formulirPendaftaranTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { writeClientSection, writeConsentSection } from "../layoutParts.ts";

/** Registration details, biodata, the complaint in full, and the consent the client gave. */
export function layoutFormulirPendaftaran(w: DocumentWriter, doc: FormulirPendaftaranDocument): void {
  const f = formulirPendaftaranTexts;
  const zone = doc.header.timeZone;
  w.heading(formulirPendaftaranTexts.heading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [f.registeredAt, formatDocumentDateTime(doc.registeredAt, zone)],
    [f.channel, t.channels[doc.channel] ?? doc.channel],
    [f.registeredBy, doc.registeredBy ? t.person(doc.registeredBy) : f.selfRegistered],
  ]);
  writeClientSection(w, f.biodata, doc.client, { withContacts: true });
  w.section(f.complaint, doc.complaint);
  writeConsentSection(w, f.consent, doc.consent, zone);
}
