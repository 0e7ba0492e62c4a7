// Disposisi: a superior's directive: its data and the checks on it.
import { text, filled, date, person, type Problems } from "../checkFields.ts";
import type { DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** Disposisi: a superior's written directive on a report, naming what happens next and by whom. */
export interface DisposisiDocument {
  kind: "disposisi";
  header: DocumentHeader;
  /** The directive text (isi disposisi). */
  directive: string;
  givenBy: DocumentPerson;
  givenAt: Date;
  /** Diteruskan kepada: the roles or people the directive goes to; at least one. */
  forwardTo: string[];
  /** Perihal: what the directive is about (e.g. the report it was written on); omitted when absent. */
  subject?: string;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkDisposisi(doc: DisposisiDocument, out: Problems): void {
  text(out, "directive", doc.directive);
  person(out, "givenBy", doc.givenBy);
  date(out, "givenAt", doc.givenAt);
  if (!Array.isArray(doc.forwardTo) || doc.forwardTo.length === 0) out.push("forwardTo must list at least one recipient");
  else for (const [i, to] of doc.forwardTo.entries()) filled(out, `forwardTo[${i}]`, to);
  if (doc.subject !== undefined) filled(out, "subject", doc.subject);
}
