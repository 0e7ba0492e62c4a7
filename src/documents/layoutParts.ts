// Layout pieces several kinds print the same way: the client's identity, the consent block of a registration
// form, and a numbered list of entries (an approval trail, counselling sessions).
import { clientRows } from "./clientRows.ts";
import { formatDocumentDateTime } from "./documentDates.ts";
import type { DocumentClient, DocumentConsent } from "./documentParts.ts";
import { documentTexts as t } from "./documentTexts.ts";
import type { DocumentWriter, FieldRow } from "./documentWriter.ts";

/** A titled section with the client's biodata; withContacts: false for documents that go up the chain. */
export function writeClientSection(w: DocumentWriter, title: string, client: DocumentClient, opts: { withContacts: boolean }): void {
  w.title(title);
  w.fields(clientRows(client, opts));
}

/** The consent the client gave (text version and time), or that it is not given yet. */
export function writeConsentSection(w: DocumentWriter, title: string, consent: DocumentConsent | null, timeZone: string): void {
  const c = t.consent;
  w.title(title);
  w.fields(
    consent
      ? [
          [c.status, c.given],
          [c.version, consent.textVersion],
          [c.at, formatDocumentDateTime(consent.givenAt, timeZone)],
        ]
      : [[c.status, c.missing]],
  );
}

/** One entry of a numbered list: what it is ("Langkah 6.4: Persetujuan rujukan oleh Eselon IV") and its rows. */
export interface ListEntry {
  title: string;
  rows: readonly FieldRow[];
}

/** A section of numbered entries ("1. …", "2. …"), each with its rows; `empty` is printed when there are none. */
export function writeNumberedEntries(w: DocumentWriter, title: string, entries: readonly ListEntry[], empty: string): void {
  w.title(title);
  if (entries.length === 0) return void w.paragraph(empty);
  for (const [i, entry] of entries.entries()) {
    w.subtitle(`${i + 1}. ${entry.title}`);
    w.fields(entry.rows);
  }
}
