// What a staff member without the recap right sees of an organisation (a counsellor): the cases assigned to
// them, the konselor steps waiting for them, and the recap restricted to their own cases.
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { counsellorQueue } from "../../store/recapQueries.ts";
import { loadCaseSummaries, renderCaseList } from "./caseList.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { formatWhen } from "./dashboardFormat.ts";
import { activityOf, flowTitle } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";
import { withLang } from "./pageLayout.ts";
import { recapRowsFor } from "./recapRows.ts";
import { renderRecapSection } from "./recapSection.ts";
import { renderOwnQualifications } from "./staffQualificationsSection.ts";

/** The counsellor section of one organisation for one person. */
export async function renderCounsellorOverview(deps: DashboardDeps, p: { orgId: string; personId: string; now: Date; t: DashboardTexts }): Promise<SafeHtml> {
  const { app } = deps;
  const { t, orgId, now } = p;
  const organisation = app.flows.organisations.get(orgId);
  const cases = await loadCaseSummaries(app, { orgId, counsellorId: p.personId });
  const queue = (await counsellorQueue(app.db.prisma, p.personId)).filter((q) => app.flows.flows.get(q.flowId)?.organisation === orgId);
  const recap = await recapRowsFor(deps, { orgId, counsellorId: p.personId, now, t });

  const queueRows = queue.map((q) => {
    const overdue = q.deadlineAt.getTime() < now.getTime();
    return html`<tr>
<td><a href="${withLang(`/dasbor/kasus/${q.caseNo}`, t)}">#${q.caseNo}</a></td>
<td class="text">${flowTitle(app, q.flowId, t)}</td>
<td class="text">${q.stepNo}. ${activityOf(app, q.flowId, q.stepId, t)}</td>
<td class="when">${formatWhen(q.askedAt, organisation?.calendar, t)}</td>
<td class="when">${formatWhen(q.deadlineAt, organisation?.calendar, t)}${overdue ? html` <span class="mark late">${t.overdueMark}</span>` : ""}</td>
</tr>`;
  });

  return html`${await renderOwnQualifications(app, { orgId, personId: p.personId, t })}
<h3>${t.myQueue}</h3>
${
  queueRows.length === 0
    ? html`<p class="muted">${t.emptyQueue}</p>`
    : html`<div class="scroll"><table class="queue"><thead><tr><th>${t.caseNo}</th><th>${t.flow}</th><th>${t.step}</th><th>${t.asked}</th><th>${t.deadline}</th></tr></thead>
<tbody>${queueRows}</tbody></table></div>`
}
<h3>${t.myCases}</h3>
${renderCaseList({ app, cases, now, t })}
${renderRecapSection({ rows: recap, organisation, heading: t.recapMine, csvHref: withLang("/dasbor/rekap.csv", t), t })}`;
}
