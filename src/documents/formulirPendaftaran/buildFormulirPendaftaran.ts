// The Formulir Pendaftaran from the case: the intake's biodata, complaint and channel, the consent, the registrar.
import type { DocumentSource } from "../documentSource.ts";
import { readRegistrationRecord } from "../readRegistrationRecord.ts";
import type { FormulirPendaftaranDocument } from "./formulirPendaftaranDocument.ts";

export async function buildFormulirPendaftaran(src: DocumentSource): Promise<FormulirPendaftaranDocument> {
  return { kind: "formulir_pendaftaran", header: src.header, ...(await readRegistrationRecord(src)) };
}
