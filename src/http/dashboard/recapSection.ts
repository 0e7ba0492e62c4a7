// The recap per SOP step on a page: per flow, a table (standard, done, late %, refused, median, P90, overdue) and the
// same numbers as a chart.
import type { OrganisationDef } from "../../flows/flowSchema.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { formatHours, formatMinutes } from "./dashboardFormat.ts";
import { html, type SafeHtml } from "./html.ts";
import { renderRecapChart } from "./recapChart.ts";
import { groupByFlow, type RecapRow } from "./recapRows.ts";

function latePercent(r: RecapRow, t: DashboardTexts): string {
  if (r.done === 0) return t.none;
  return `${r.late} (${Math.round((r.late / r.done) * 100)}%)`;
}

function standardCell(r: RecapRow, t: DashboardTexts): SafeHtml {
  return html`${r.standardText}${r.standardInWorkingDays ? html`<br><span class="muted">${t.workingEquivalent({ minutes: r.standardMin })}</span>` : ""}`;
}

/** The recap tables and charts of one organisation (or one counsellor's part of it). */
export function renderRecapSection(p: {
  rows: RecapRow[];
  organisation: OrganisationDef | undefined;
  heading: string;
  csvHref?: string;
  t: DashboardTexts;
}): SafeHtml {
  const { t } = p;
  const csv = p.csvHref ? html`<p class="actions"><a href="${p.csvHref}" download>${t.downloadCsv}</a></p>` : "";
  if (p.rows.length === 0) return html`<h3>${p.heading}</h3><p class="muted">${t.noRecap}</p>${csv}`;
  const note = p.organisation ? t.chartNote({ hours: formatHours(p.organisation.calendar, t) }) : "";
  const flows = groupByFlow(p.rows).map((g) => {
    const body = g.rows.map(
      (r) => html`<tr data-step="${r.stepId}">
<td>${r.stepNo}</td><td class="text">${r.activity}</td><td>${standardCell(r, t)}</td>
<td class="num">${r.done}</td><td class="num${r.late > 0 ? " late" : ""}">${latePercent(r, t)}</td><td class="num">${r.refused}</td>
<td class="num">${formatMinutes(r.medianMin, t)}</td><td class="num">${formatMinutes(r.p90Min, t)}</td>
<td class="num${r.overdue > 0 ? " late" : ""}">${r.overdue}</td>
</tr>`,
    );
    return html`<h4>${g.flowTitle}</h4>
<div class="scroll"><table class="recap" data-flow="${g.flowId}">
<thead><tr><th>${t.step}</th><th>${t.activity}</th><th>${t.standard}</th><th class="num">${t.done}</th><th class="num">${t.latePct}</th><th class="num">${t.refused}</th><th class="num">${t.median}</th><th class="num">${t.p90}</th><th class="num">${t.overdue}</th></tr></thead>
<tbody>${body}</tbody>
</table></div>
${renderRecapChart({ rows: g.rows, flowTitle: g.flowTitle, idPrefix: `chart-${g.rows[0]!.orgId}-${g.flowId}`, note, t })}`;
  });
  return html`<h3>${p.heading}</h3>${csv}${flows}`;
}
