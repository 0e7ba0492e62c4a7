// A list of cases (number, flow, status, current step, its deadline) for the overview pages, each linking to
// its case page. Only what case.view shows: no client name, no complaint.
import type { App } from "../../app/openApp.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { formatWhen } from "./dashboardFormat.ts";
import { activityOf, flowTitle } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";
import { withLang } from "./pageLayout.ts";

/** One line of a case list. */
export interface CaseSummary {
  number: number;
  orgId: string;
  flowId: string;
  status: string;
  openRun: { stepId: string; stepNo: string; deadlineAt: Date } | null;
}

/** Cases matching `where` (an organisation, a counsellor), newest first, with their open step run. */
export async function loadCaseSummaries(app: App, where: { orgId: string; counsellorId?: string; status?: string }, limit = 200): Promise<CaseSummary[]> {
  const rows = await app.db.prisma.case.findMany({
    where,
    orderBy: { number: "desc" },
    take: limit,
    select: {
      number: true,
      orgId: true,
      flowId: true,
      status: true,
      stepRuns: { where: { actedAt: null }, orderBy: { askedAt: "desc" }, take: 1, select: { stepId: true, stepNo: true, deadlineAt: true } },
    },
  });
  return rows.map((r) => ({ number: r.number, orgId: r.orgId, flowId: r.flowId, status: r.status, openRun: r.stepRuns[0] ?? null }));
}

/** The table of cases; deadlines already passed are marked in words, not only in colour. */
export function renderCaseList(p: { app: App; cases: CaseSummary[]; now: Date; t: DashboardTexts }): SafeHtml {
  const { app, t } = p;
  if (p.cases.length === 0) return html`<p class="muted">${t.noCases}</p>`;
  const rows = p.cases.map((c) => {
    const calendar = app.flows.organisations.get(c.orgId)?.calendar;
    const run = c.openRun;
    const overdue = run && run.deadlineAt.getTime() < p.now.getTime();
    const deadline = run ? formatWhen(run.deadlineAt, calendar, t) : t.none;
    return html`<tr>
<td><a href="${withLang(`/dasbor/kasus/${c.number}`, t)}">#${c.number}</a></td>
<td class="text">${flowTitle(app, c.flowId, t)}</td>
<td>${t.statusLabels[c.status] ?? c.status}</td>
<td class="text">${run ? `${run.stepNo}. ${activityOf(app, c.flowId, run.stepId, t)}` : t.none}</td>
<td class="when">${deadline}${overdue ? html` <span class="mark late">${t.overdueMark}</span>` : ""}</td>
</tr>`;
  });
  return html`<div class="scroll"><table class="cases">
<thead><tr><th>${t.caseNo}</th><th>${t.flow}</th><th>${t.status}</th><th>${t.currentStep}</th><th>${t.deadline}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}
