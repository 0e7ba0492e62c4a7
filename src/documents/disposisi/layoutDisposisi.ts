// Disposisi: a superior's written directive on a report: what happens next, and by whom.
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { DisposisiDocument } from "./disposisiDocument.ts";
import { disposisiTexts } from "./disposisiTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";

/** Case, subject, who gave it and when, the addressees (numbered), the directive, the giver's signature block. */
export function layoutDisposisi(w: DocumentWriter, doc: DisposisiDocument): void {
  const p = disposisiTexts;
  const forwardTo = doc.forwardTo.length === 1 ? doc.forwardTo[0]! : doc.forwardTo.map((to, i) => `${i + 1}. ${to}`).join("\n");
  w.heading(disposisiTexts.heading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    ...(doc.subject !== undefined ? [[p.subject, doc.subject] as const] : []),
    [p.givenBy, t.person(doc.givenBy)],
    [p.givenAt, formatDocumentDateTime(doc.givenAt, doc.header.timeZone)],
    [p.forwardTo, forwardTo],
  ]);
  w.section(p.directive, doc.directive);
  w.signature(doc.givenBy);
}
