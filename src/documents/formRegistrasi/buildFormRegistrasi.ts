// The Form Registrasi from the case: the intake's record, as for every registration form.
import type { DocumentSource } from "../documentSource.ts";
import { readRegistrationRecord } from "../readRegistrationRecord.ts";
import type { FormRegistrasiDocument } from "./formRegistrasiDocument.ts";

export async function buildFormRegistrasi(src: DocumentSource): Promise<FormRegistrasiDocument> {
  return { kind: "form_registrasi", header: src.header, ...(await readRegistrationRecord(src)) };
}
