// The Formulir Pendaftaran from the case: the intake's biodata, complaint and channel, the consent, the registrar.
import type { DocumentSource } from "../documentSource.ts";
import type { FormulirPendaftaranDocument } from "./formulirPendaftaranDocument.ts";

export async function buildFormulirPendaftaran(src: DocumentSource): Promise<FormulirPendaftaranDocument> {
  const consent = await src.consent();
  const registeredBy = await src.registeredBy();
  return {
    kind: "formulir_pendaftaran",
    header: src.header,
    client: src.client,
    complaint: src.complaint ?? "-",
    consent,
    channel: src.channel ?? "-",
    registeredAt: src.openedAt,
    ...(registeredBy ? { registeredBy } : {}),
  };
}
