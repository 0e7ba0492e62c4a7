// What a registration form records, whichever form the organisation's SOP names (IPDN's Formulir Pendaftaran
// Konseling, PUSPAGA's Form Registrasi): its shape, its checks, and how it is read from the case.
import { client, date, filled, person, text, type Problems } from "./checkFields.ts";
import type { DocumentClient, DocumentConsent, DocumentPerson } from "./documentParts.ts";

/** The intake's record of a client's registration. */
export interface RegistrationRecord {
  client: DocumentClient;
  /** The complaint (keluhan); any length, it continues over as many pages as it needs. */
  complaint: string;
  /** null when staff registered the client and the client has not yet consented in the chat. */
  consent: DocumentConsent | null;
  /** The channel the registration came from: "telegram", "whatsapp", "email", "local", or any other label. */
  channel: string;
  registeredAt: Date;
  /** The staff member who registered the client, when it was not the client themselves. */
  registeredBy?: DocumentPerson;
}

/** Pushes a sentence for each field of the record that cannot be printed. */
export function checkRegistrationRecord(doc: RegistrationRecord, out: Problems): void {
  client(out, doc.client);
  text(out, "complaint", doc.complaint);
  if (doc.consent !== null) {
    if (!doc.consent || typeof doc.consent !== "object") out.push("consent must be { textVersion, givenAt } or null");
    else {
      filled(out, "consent.textVersion", doc.consent.textVersion);
      date(out, "consent.givenAt", doc.consent.givenAt);
    }
  }
  filled(out, "channel", doc.channel);
  date(out, "registeredAt", doc.registeredAt);
  if (doc.registeredBy !== undefined) person(out, "registeredBy", doc.registeredBy);
}
