// Formulir Pendaftaran: the registration form, made from the intake: its data and the checks on it.
import type { Problems } from "../checkFields.ts";
import type { DocumentHeader } from "../documentParts.ts";
import { checkRegistrationRecord, type RegistrationRecord } from "../registrationRecord.ts";

/** Formulir Pendaftaran Konseling: the registration form made from the intake (IPDN's SOPs). */
export interface FormulirPendaftaranDocument extends RegistrationRecord {
  kind: "formulir_pendaftaran";
  header: DocumentHeader;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkFormulirPendaftaran(doc: FormulirPendaftaranDocument, out: Problems): void {
  checkRegistrationRecord(doc, out);
}
