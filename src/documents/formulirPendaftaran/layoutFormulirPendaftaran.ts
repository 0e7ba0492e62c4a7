// Formulir Pendaftaran Konseling: the registration form, made from the intake record.
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { FormulirPendaftaranDocument } from "./formulirPendaftaranDocument.ts";
import { formulirPendaftaranTexts } from "./formulirPendaftaranTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { clientRows } from "../clientRows.ts";

/** Registration details, biodata, the complaint in full, and the consent the client gave. */
export function layoutFormulirPendaftaran(w: DocumentWriter, doc: FormulirPendaftaranDocument): void {
  const f = formulirPendaftaranTexts;
  const zone = doc.header.timeZone;
  w.heading(formulirPendaftaranTexts.heading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [f.registeredAt, formatDocumentDateTime(doc.registeredAt, zone)],
    [f.channel, f.channels[doc.channel] ?? doc.channel],
    [f.registeredBy, doc.registeredBy ? t.person(doc.registeredBy) : f.selfRegistered],
  ]);
  w.title(f.biodata);
  w.fields(clientRows(doc.client, { withContacts: true }));
  w.section(f.complaint, doc.complaint);
  w.title(f.consent);
  w.fields(
    doc.consent
      ? [
          [f.consentStatus, f.consentGiven],
          [f.consentVersion, doc.consent.textVersion],
          [f.consentAt, formatDocumentDateTime(doc.consent.givenAt, zone)],
        ]
      : [[f.consentStatus, f.consentMissing]],
  );
}
