// Checks a document's data before any PDF work, so a bad caller gets one error naming every problem
// instead of a half-made PDF or an exception from deep inside the PDF library.
import { CLIENT_KINDS } from "../dialogs/intake/intakeFields.ts";
import { isKnownTimeZone } from "./documentDates.ts";
import { SOP_DOCUMENT_KINDS, type DocumentClient, type DocumentPerson, type SopDocument } from "./documentTypes.ts";

/** The document data was unusable; `problems` names each field that was wrong. */
export class DocumentInputError extends Error {
  constructor(
    readonly kind: string,
    readonly problems: readonly string[],
  ) {
    super(`Cannot generate the "${kind}" document: ${problems.join("; ")}. Fix the data passed to renderDocumentPdf.`);
    this.name = "DocumentInputError";
  }
}

type Problems = string[];

const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());
const isText = (v: unknown): v is string => typeof v === "string";
const isFilled = (v: unknown): v is string => isText(v) && v.trim() !== "";

function date(out: Problems, name: string, v: unknown): void {
  if (!isDate(v)) out.push(`${name} must be a valid Date`);
}
function filled(out: Problems, name: string, v: unknown): void {
  if (!isFilled(v)) out.push(`${name} must be a non-empty string`);
}
function text(out: Problems, name: string, v: unknown): void {
  if (!isText(v)) out.push(`${name} must be a string (it may be empty)`);
}
function person(out: Problems, name: string, v: DocumentPerson | undefined): void {
  if (!v || typeof v !== "object") return void out.push(`${name} must be { name, role }`);
  filled(out, `${name}.name`, v.name);
  filled(out, `${name}.role`, v.role);
}
function client(out: Problems, v: DocumentClient | undefined): void {
  if (!v || typeof v !== "object") return void out.push("client must be { kind, fields }");
  if (!CLIENT_KINDS.includes(v.kind)) out.push(`client.kind must be one of ${CLIENT_KINDS.join(", ")}, got ${JSON.stringify(v.kind)}`);
  if (!v.fields || typeof v.fields !== "object") return void out.push("client.fields must be an object of intake answers");
  for (const [k, value] of Object.entries(v.fields)) if (value !== undefined) text(out, `client.fields.${k}`, value);
}

/** Throws a DocumentInputError listing every problem; returns nothing when the document can be rendered. */
export function checkDocument(doc: SopDocument): void {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  if (!SOP_DOCUMENT_KINDS.includes(kind as SopDocument["kind"])) {
    throw new DocumentInputError(String(kind), [`kind must be one of ${SOP_DOCUMENT_KINDS.join(", ")}`]);
  }
  const out: Problems = [];
  const h = doc.header;
  if (!h || typeof h !== "object") out.push("header is missing");
  else {
    filled(out, "header.organisation", h.organisation);
    filled(out, "header.sopTitle", h.sopTitle);
    if (!Number.isSafeInteger(h.caseNo) || h.caseNo < 1) out.push(`header.caseNo must be a positive integer, got ${JSON.stringify(h.caseNo)}`);
    date(out, "header.generatedAt", h.generatedAt);
    if (!isKnownTimeZone(h.timeZone)) out.push(`header.timeZone must be an IANA zone such as "Asia/Jakarta", got ${JSON.stringify(h.timeZone)}`);
  }
  switch (doc.kind) {
    case "formulir_pendaftaran":
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
      break;
    case "laporan_rencana_pengawasan":
      filled(out, "clientName", doc.clientName);
      text(out, "plan", doc.plan);
      person(out, "author", doc.author);
      date(out, "date", doc.date);
      break;
    case "laporan_tertulis":
      client(out, doc.client);
      text(out, "report", doc.report);
      person(out, "counsellor", doc.counsellor);
      date(out, "date", doc.date);
      break;
    case "nota_dinas":
      filled(out, "to", doc.to);
      filled(out, "from", doc.from);
      date(out, "date", doc.date);
      if (doc.classification !== undefined) filled(out, "classification", doc.classification);
      filled(out, "subject", doc.subject);
      text(out, "body", doc.body);
      if (doc.signatoryNote !== undefined) text(out, "signatoryNote", doc.signatoryNote);
      if (doc.attachments !== undefined) filled(out, "attachments", doc.attachments);
      if (doc.sequence !== undefined && (!Number.isSafeInteger(doc.sequence) || doc.sequence < 1)) {
        out.push(`sequence must be a positive integer, got ${JSON.stringify(doc.sequence)}`);
      }
      if (doc.unitCode !== undefined && !/^[A-Za-z0-9.-]+$/.test(doc.unitCode)) {
        out.push(`unitCode must be letters, digits, dots or hyphens (it sits between slashes in the number), got ${JSON.stringify(doc.unitCode)}`);
      }
      if (doc.signedBy !== undefined) person(out, "signedBy", doc.signedBy);
      break;
    case "disposisi":
      text(out, "directive", doc.directive);
      person(out, "givenBy", doc.givenBy);
      date(out, "givenAt", doc.givenAt);
      if (!Array.isArray(doc.forwardTo) || doc.forwardTo.length === 0) out.push("forwardTo must list at least one recipient");
      else doc.forwardTo.forEach((to, i) => filled(out, `forwardTo[${i}]`, to));
      if (doc.subject !== undefined) filled(out, "subject", doc.subject);
      break;
  }
  if (out.length > 0) throw new DocumentInputError(doc.kind, out);
}
