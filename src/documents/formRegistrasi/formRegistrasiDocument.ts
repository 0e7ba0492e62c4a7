// Form Registrasi: PUSPAGA's registration form, made from the intake: its data and the checks on it.
import { filled, type Problems } from "../checkFields.ts";
import type { DocumentHeader } from "../documentParts.ts";
import { checkRegistrationRecord, type RegistrationRecord } from "../registrationRecord.ts";

/**
 * Form Registrasi (SOP Konseling PUSPAGA rows 2–3): the klien's registration, filled in with the staff member
 * who accompanied a walk-in, and recorded by the administration. Not IPDN's Formulir Pendaftaran: PUSPAGA's
 * clients are klien (a parent, a child, a family member), identified by name and domicile.
 */
export interface FormRegistrasiDocument extends RegistrationRecord {
  kind: "form_registrasi";
  header: DocumentHeader;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkFormRegistrasi(doc: FormRegistrasiDocument, out: Problems): void {
  checkRegistrationRecord(doc, out);
  if (doc.client && typeof doc.client === "object") {
    if (doc.client.kind !== "klien") out.push(`client.kind must be "klien" (PUSPAGA's client), got ${JSON.stringify(doc.client.kind)}`);
    filled(out, "client.fields.nama", doc.client.fields?.nama);
  }
}
