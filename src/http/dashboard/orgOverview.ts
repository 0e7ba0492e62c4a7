// What the unit's leadership sees of their organisation (policy: org.viewRecap): cases by status and by flow,
// the steps past their deadline, the open cases, and the recap per SOP step with its chart and CSV.
import type { OrganisationDef } from "../../flows/flowSchema.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { workingMinutesBetween } from "../../core/workingTime.ts";
import { loadCaseSummaries, renderCaseList } from "./caseList.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { formatMinutes, formatSpan, formatWhen } from "./dashboardFormat.ts";
import { activityOf, flowTitle, roleLabel } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";
import { withLang } from "./pageLayout.ts";
import { recapRowsFor } from "./recapRows.ts";
import { renderRecapSection } from "./recapSection.ts";
import { renderHandOverRecap } from "./handOverRecap.ts";
import { renderStaffQualifications } from "./staffQualificationsSection.ts";

const STATUSES = ["open", "archived", "cancelled"];

/** How late an open step is: in working time for a working-clock step (what its deadline counted), else wall time. */
function lateness(run: { deadlineAt: Date; clock: string }, organisation: OrganisationDef | undefined, now: Date, t: DashboardTexts): string {
  if (run.clock === "working" && organisation)
    return `${formatMinutes(workingMinutesBetween(run.deadlineAt, now, organisation.calendar), t)} (${t.workingClock})`;
  return formatSpan((now.getTime() - run.deadlineAt.getTime()) / 60_000, t);
}

/** The leadership section of one organisation. */
export async function renderOrgOverview(deps: DashboardDeps, p: { orgId: string; now: Date; t: DashboardTexts }): Promise<SafeHtml> {
  const { app } = deps;
  const { t, orgId, now } = p;
  const prisma = app.db.prisma;
  const organisation = app.flows.organisations.get(orgId);

  const byStatus = await prisma.case.groupBy({ by: ["status"], where: { orgId }, _count: { _all: true } });
  const byFlow = await prisma.case.groupBy({ by: ["flowId", "status"], where: { orgId }, _count: { _all: true } });
  const overdue = await prisma.stepRun.findMany({
    where: { actedAt: null, deadlineAt: { lt: now }, case: { orgId, status: "open" } },
    orderBy: { deadlineAt: "asc" },
    take: 200,
    select: { stepId: true, stepNo: true, role: true, deadlineAt: true, clock: true, case: { select: { number: true, flowId: true } } },
  });
  const openCases = await loadCaseSummaries(app, { orgId, status: "open" }, 100);
  const recap = await recapRowsFor(deps, { orgId, now, t });

  const statusCount = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  const otherStatuses = byStatus.map((s) => s.status).filter((s) => !STATUSES.includes(s));
  const statusRows = [...STATUSES, ...otherStatuses].map((s) => html`<tr><td>${t.statusLabels[s] ?? s}</td><td class="num">${statusCount(s)}</td></tr>`);
  const statusTotal = byStatus.reduce((sum, s) => sum + s._count._all, 0);

  const flowIds = [...new Set(byFlow.map((f) => f.flowId))].sort();
  const flowCount = (flowId: string, status?: string) =>
    byFlow.filter((f) => f.flowId === flowId && (status === undefined || f.status === status)).reduce((sum, f) => sum + f._count._all, 0);
  const flowRows = flowIds.map(
    (flowId) =>
      html`<tr data-flow="${flowId}"><td>${flowTitle(app, flowId, t)}</td>${STATUSES.map((s) => html`<td class="num">${flowCount(flowId, s)}</td>`)}<td class="num">${flowCount(flowId)}</td></tr>`,
  );

  const overdueRows = overdue.map(
    (r) => html`<tr>
<td><a href="${withLang(`/dasbor/kasus/${r.case.number}`, t)}">#${r.case.number}</a></td>
<td class="text">${flowTitle(app, r.case.flowId, t)}</td>
<td class="text">${r.stepNo}. ${activityOf(app, r.case.flowId, r.stepId, t)}</td>
<td>${roleLabel(organisation, r.role, t)}</td>
<td class="when">${formatWhen(r.deadlineAt, organisation?.calendar, t)}</td>
<td class="late">${lateness(r, organisation, now, t)}</td>
</tr>`,
  );

  return html`<h3>${t.casesByStatus}</h3>
<div class="scroll"><table class="by-status"><thead><tr><th>${t.status}</th><th class="num">${t.count}</th></tr></thead>
<tbody>${statusRows}<tr><th>${t.total}</th><th class="num">${statusTotal}</th></tr></tbody></table></div>
<h3>${t.casesByFlow}</h3>
${
  flowRows.length === 0
    ? html`<p class="muted">${t.noCases}</p>`
    : html`<div class="scroll"><table class="by-flow"><thead><tr><th>${t.flow}</th>${STATUSES.map((s) => html`<th class="num">${t.statusLabels[s] ?? s}</th>`)}<th class="num">${t.total}</th></tr></thead>
<tbody>${flowRows}</tbody></table></div>`
}
<h3>${t.overdueSteps}</h3>
${
  overdueRows.length === 0
    ? html`<p class="muted">${t.noOverdue}</p>`
    : html`<div class="scroll"><table class="overdue"><thead><tr><th>${t.caseNo}</th><th>${t.flow}</th><th>${t.step}</th><th>${t.role}</th><th>${t.deadline}</th><th>${t.lateBy}</th></tr></thead>
<tbody>${overdueRows}</tbody></table></div>`
}
<h3>${t.openCases}</h3>
${renderCaseList({ app, cases: openCases, now, t })}
${renderRecapSection({ rows: recap, organisation, heading: t.recap, csvHref: withLang("/dasbor/rekap.csv", t), t })}
${await renderHandOverRecap(app, { orgId, t })}
${await renderStaffQualifications(app, { orgId, t })}`;
}
