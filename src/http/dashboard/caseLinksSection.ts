// The case page's Keterkaitan: the case this one continues and the cases handed over from it, each linked when the
// viewer may see it; on a case opened by a hand-over, the first case's documents (what it carries), each
// downloadable for whom the policy allows it on that case.
import type { App } from "../../app/openApp.ts";
import { may, type CaseTarget, type Subject } from "../../core/policy.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { handOverTextsFor } from "../../i18n/handOver.ts";
import { caseLinksOf, type LinkedCase } from "../../store/cases/caseLinks.ts";
import { formatWhen } from "./dashboardFormat.ts";
import { renderDocumentRow } from "./documentRow.ts";
import { flowTitle } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";
import { withLang } from "./pageLayout.ts";

/** What the section reads of the case on the page. */
interface PageCase extends CaseTarget {
  id: string;
}

/** The Keterkaitan section, or nothing for a case without links. */
export async function renderCaseLinks(app: App, c: PageCase, p: { viewer: { subject: Subject }; t: DashboardTexts }): Promise<SafeHtml | ""> {
  const { t } = p;
  const h = handOverTextsFor(t.lang);
  const links = await caseLinksOf(app.db.prisma, c.id);
  if (!links.from && links.to.length === 0) return "";
  const organisation = app.flows.organisations.get(c.orgId);
  const caseRef = (l: LinkedCase) =>
    html`${may({ subject: p.viewer.subject, action: "case.view", case: l }) ? html`<a href="${withLang(`/dasbor/kasus/${l.number}`, t)}">#${l.number}</a>` : `#${l.number}`} — ${flowTitle(app, l.flowId, t)} (${t.statusLabels[l.status] ?? l.status}, ${formatWhen(l.openedAt, organisation?.calendar, t)})`;
  const facts = html`<dl class="facts links">
${links.from ? html`<dt>${h.continuesLabel}</dt><dd data-linked="${links.from.number}">${caseRef(links.from)}</dd>` : ""}
${links.to.map((l) => html`<dt>${h.handedToLabel}</dt><dd data-linked="${l.number}">${caseRef(l)}</dd>`)}
</dl>`;
  const carried = links.from ? await renderCarriedDocuments(app, c, links.from, p) : "";
  return html`<h2>${h.linksHeading}</h2>${facts}${carried}`;
}

/** The documents of the case this one continues, as its own documents table shows them. */
async function renderCarriedDocuments(app: App, c: PageCase, from: LinkedCase, p: { viewer: { subject: Subject }; t: DashboardTexts }): Promise<SafeHtml> {
  const { t } = p;
  const documents = await app.db.prisma.document.findMany({
    where: { caseId: from.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, title: true, status: true, createdAt: true },
  });
  const heading = handOverTextsFor(t.lang).sourceDocuments({ caseNo: from.number });
  if (documents.length === 0) return html`<h3>${heading}</h3><p class="muted">${t.noDocuments}</p>`;
  const calendar = app.flows.organisations.get(c.orgId)?.calendar;
  // Each download is the first case's: the policy is asked about that case, as its own page would.
  const rows = documents.map((d) => renderDocumentRow(d, { subject: p.viewer.subject, target: from, calendar, t }));
  return html`<h3>${heading}</h3>
<div class="scroll"><table class="documents carried" data-from="${from.number}"><thead><tr><th>${t.document}</th><th>${t.created}</th><th></th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}
