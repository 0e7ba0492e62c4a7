// One row of a case's documents table on the case page: the title, when it was made, and the download link for
// whom the policy allows it on that case (otherwise why not: not for the role, erased, still being made).
import { may, type CaseTarget, type DocumentKind, type Subject } from "../../core/policy.ts";
import type { WorkingCalendar } from "../../flows/flowSchema.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { formatWhen } from "./dashboardFormat.ts";
import { html, type SafeHtml } from "./html.ts";

/** What a row reads of a document. */
export interface DocumentRowData {
  id: string;
  kind: string;
  title: string;
  status: string;
  createdAt: Date;
}

/** The row of one document of the case `target`, for the viewer `subject`. */
export function renderDocumentRow(
  d: DocumentRowData,
  p: { subject: Subject; target: CaseTarget; calendar: WorkingCalendar | undefined; t: DashboardTexts },
): SafeHtml {
  const { t } = p;
  const allowed = may({ subject: p.subject, action: "document.download", case: p.target, documentKind: d.kind as DocumentKind });
  const action = !allowed
    ? html`<span class="muted">${t.documentNotForYou}</span>`
    : d.status === "erased"
      ? html`<span class="muted">${t.documentErased}</span>`
      : d.status !== "ready"
        ? html`<span class="muted">${t.documentPending}</span>`
        : html`<a href="${`/dasbor/dokumen/${d.id}`}" download>${t.download}</a>`;
  return html`<tr data-document="${d.id}"><td>${d.title}</td><td>${formatWhen(d.createdAt, p.calendar, t)}</td><td>${action}</td></tr>`;
}
