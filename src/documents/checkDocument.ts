// Checks a document's data before any PDF work, so a bad caller gets one error naming every problem
// instead of a half-made PDF or an exception from deep inside the PDF library.
import { date, filled, type Problems } from "./checkFields.ts";
import { isKnownTimeZone } from "./documentDates.ts";
import { DOCUMENT_KIND_IDS, DOCUMENT_KINDS, type DocumentModules } from "./documentKinds.ts";
import type { DocumentKind, DocumentsByKind, SopDocument } from "./documentTypes.ts";

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

/** Throws a DocumentInputError listing every problem; returns nothing when the document can be rendered. */
export function checkDocument(doc: SopDocument): void {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  if (!DOCUMENT_KIND_IDS.includes(kind as DocumentKind)) {
    throw new DocumentInputError(String(kind), [`kind must be one of ${DOCUMENT_KIND_IDS.join(", ")}`]);
  }
  const out: Problems = [];
  const h = doc.header;
  if (!h || typeof h !== "object") out.push("header is missing");
  else {
    filled(out, "header.organisation", h.organisation);
    filled(out, "header.sopTitle", h.sopTitle);
    // Only a document made on request about a person (a copy of their data) is about no single case.
    const aboutPerson = DOCUMENT_KINDS[kind as DocumentKind].producedBy === "request";
    if (aboutPerson ? h.caseNo !== null : !Number.isSafeInteger(h.caseNo) || (h.caseNo ?? 0) < 1) {
      out.push(
        aboutPerson ? "header.caseNo must be null for a document about a person" : `header.caseNo must be a positive integer, got ${JSON.stringify(h.caseNo)}`,
      );
    }
    date(out, "header.generatedAt", h.generatedAt);
    if (!isKnownTimeZone(h.timeZone)) out.push(`header.timeZone must be an IANA zone such as "Asia/Jakarta", got ${JSON.stringify(h.timeZone)}`);
  }
  checkKindFields(doc, out);
  if (out.length > 0) throw new DocumentInputError(doc.kind, out);
}

/** The kind's own fields, checked by its registry entry. */
function checkKindFields<K extends DocumentKind>(doc: DocumentsByKind[K], out: Problems): void {
  const kind: DocumentModules[K] = DOCUMENT_KINDS[doc.kind as K];
  kind.check(doc, out);
}
