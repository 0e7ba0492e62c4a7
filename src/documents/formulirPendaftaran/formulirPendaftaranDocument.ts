// Formulir Pendaftaran: the registration form, made from the intake: its data and the checks on it.
import { client, text, filled, date, person, type Problems } from "../checkFields.ts";
import type { DocumentClient, DocumentConsent, DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** Formulir Pendaftaran Konseling: the registration form made from the intake. */
export interface FormulirPendaftaranDocument {
  kind: "formulir_pendaftaran";
  header: DocumentHeader;
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

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkFormulirPendaftaran(doc: FormulirPendaftaranDocument, out: Problems): void {
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
