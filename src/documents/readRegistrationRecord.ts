// Reads a registration record from the case (its own file, so the record's shape and check stay free of the
// document source, which names every kind).
import type { DocumentSource } from "./documentSource.ts";
import type { RegistrationRecord } from "./registrationRecord.ts";

/** The intake's biodata, complaint and channel, the client's consent and the registering staff member. */
export async function readRegistrationRecord(src: DocumentSource): Promise<RegistrationRecord> {
  const consent = await src.consent();
  const registeredBy = await src.registeredBy();
  return {
    client: src.client,
    complaint: src.complaint ?? "-",
    consent,
    channel: src.channel ?? "-",
    registeredAt: src.openedAt,
    ...(registeredBy ? { registeredBy } : {}),
  };
}
