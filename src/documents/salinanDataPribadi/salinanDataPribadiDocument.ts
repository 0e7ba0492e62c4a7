// Salinan Data Pribadi: the copy of what the service keeps about a client, which they ask for with /datasaya
// (UU 27/2022: the right to access and obtain a copy of one's personal data). Its data and the checks on it.
import { date, filled, text, type Problems } from "../checkFields.ts";
import type { DocumentClient, PersonDocumentHeader } from "../documentParts.ts";

/** One chat handle the client wrote from. */
export interface CopyHandle {
  /** The channel as people call it ("Telegram", "Email"). */
  channel: string;
  address: string;
  since: Date;
}

/** One consent the client gave (and perhaps withdrew). */
export interface CopyConsent {
  textVersion: string;
  channel: string;
  givenAt: Date;
  withdrawnAt: Date | null;
}

/** One case, as far as it is the client's own data: what they told, where the case went, their sessions. */
export interface CopyCase {
  number: number;
  /** The SOP's name. */
  sop: string;
  /** Berjalan / Selesai / Dibatalkan. */
  status: string;
  openedAt: Date;
  closedAt: Date | null;
  /** The biodata the registration stored; null once anonymised. */
  client: DocumentClient | null;
  complaint: string | null;
  /** Each step: its number and activity, when it was asked and done. */
  steps: { stepNo: string; activity: string; askedAt: Date; actedAt: Date | null }[];
  sessions: { startsAt: Date; endsAt: Date; status: string; link: string | null }[];
  /** The documents archived on the case (their titles). */
  documents: string[];
}

/** One message of the conversation, theirs or the counsellor's to them. */
export interface CopyMessage {
  at: Date;
  /** "Anda" (from the client) or "Konselor" (to them). */
  from: string;
  caseNo: number | null;
  text: string;
  /** Names of the files that came with it. */
  attachments: string[];
}

export interface SalinanDataPribadiDocument {
  kind: "salinan_data_pribadi";
  header: PersonDocumentHeader;
  /** The name they gave, if any. */
  name: string | null;
  /** Praja / Pegawai / Klien, when registered. */
  clientKind: string | null;
  /** Bahasa Indonesia / English. */
  language: string;
  /** When the service first kept something about them. */
  since: Date;
  handles: CopyHandle[];
  consents: CopyConsent[];
  cases: CopyCase[];
  messages: CopyMessage[];
  /** Whom to ask about their data (the data protection contact). */
  contact: string;
  /** How long closed cases are kept, in days. */
  retentionDays: number;
}

/** Pushes a sentence for each of its own fields that cannot be printed. */
export function checkSalinanDataPribadi(doc: SalinanDataPribadiDocument, out: Problems): void {
  if (doc.header?.caseNo !== null) out.push("header.caseNo must be null: the copy is about a person, not one case");
  if (doc.name !== null) text(out, "name", doc.name);
  filled(out, "language", doc.language);
  date(out, "since", doc.since);
  filled(out, "contact", doc.contact);
  if (!Number.isSafeInteger(doc.retentionDays) || doc.retentionDays < 1) out.push("retentionDays must be a positive integer");
  for (const [i, h] of (doc.handles ?? []).entries()) {
    filled(out, `handles[${i}].channel`, h.channel);
    filled(out, `handles[${i}].address`, h.address);
    date(out, `handles[${i}].since`, h.since);
  }
  for (const [i, c] of (doc.consents ?? []).entries()) {
    filled(out, `consents[${i}].textVersion`, c.textVersion);
    date(out, `consents[${i}].givenAt`, c.givenAt);
  }
  for (const [i, c] of (doc.cases ?? []).entries()) {
    if (!Number.isSafeInteger(c.number) || c.number < 1) out.push(`cases[${i}].number must be a positive integer`);
    filled(out, `cases[${i}].sop`, c.sop);
    date(out, `cases[${i}].openedAt`, c.openedAt);
  }
  for (const [i, m] of (doc.messages ?? []).entries()) {
    date(out, `messages[${i}].at`, m.at);
    text(out, `messages[${i}].text`, m.text);
  }
}
