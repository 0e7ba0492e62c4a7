// The recap as a chart, drawn on the server as SVG (no script): per step a bar for the median time taken
// and a diamond for the 90th percentile, against a dashed line for the standard. Every row is scaled to its
// own standard (100% = the standard), so a 10-minute step and a 3-day step read on one axis; the real
// minutes are written on each row. Shapes, not colours, tell the three apart.
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { formatMinutes } from "./dashboardFormat.ts";
import { html, type SafeHtml } from "./html.ts";
import type { RecapRow } from "./recapRows.ts";

// Narrow on purpose: on a phone the SVG is scaled to the screen, and its 13–14 px text must stay readable.
const WIDTH = 420;
const PAD_X = 10;
const TOP = 8;
const ROW_HEIGHT = 66;
const AXIS_HEIGHT = 52;
const BAR_HEIGHT = 14;

/** The axis' right end in percent of the standard: room for the largest value, between 150% and 400%. */
export function axisMaxPercent(rows: RecapRow[]): number {
  const ratios = rows.flatMap((r) => [r.medianMin, r.p90Min].filter((v): v is number => v !== null).map((v) => percentOf(v, r.standardMin)));
  const wanted = Math.ceil((Math.max(100, ...ratios) * 1.1) / 50) * 50;
  return Math.min(400, Math.max(150, wanted));
}

/** A time as a percentage of its standard (0 when the standard is 0). */
export function percentOf(minutes: number, standardMin: number): number {
  return standardMin > 0 ? (minutes / standardMin) * 100 : 0;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** One flow's chart as inline SVG inside a <figure> with a caption naming the shapes. */
export function renderRecapChart(p: { rows: RecapRow[]; flowTitle: string; idPrefix: string; note: string; t: DashboardTexts }): SafeHtml {
  const { rows, t } = p;
  const maxPct = axisMaxPercent(rows);
  const plotLeft = PAD_X;
  const plotRight = WIDTH - PAD_X;
  const x = (pct: number) => plotLeft + (Math.min(pct, maxPct) / maxPct) * (plotRight - plotLeft);
  const height = TOP + rows.length * ROW_HEIGHT + AXIS_HEIGHT;
  const plotBottom = TOP + rows.length * ROW_HEIGHT;
  const titleId = `${p.idPrefix}-title`;
  const descId = `${p.idPrefix}-desc`;
  const title = t.chartTitle({ flow: p.flowTitle });

  const rowMarks = rows.map((r, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const barY = y + 40;
    const values = t.chartValues({ median: formatMinutes(r.medianMin, t), p90: formatMinutes(r.p90Min, t), standard: formatMinutes(r.standardMin, t) });
    const bar =
      r.medianMin === null
        ? ""
        : html`<rect class="median" x="${fmt(plotLeft)}" y="${barY}" width="${fmt(Math.max(1, x(percentOf(r.medianMin, r.standardMin)) - plotLeft))}" height="${BAR_HEIGHT}" fill="#4b5563"/>`;
    let diamond: SafeHtml | string = "";
    if (r.p90Min !== null) {
      const cx = x(percentOf(r.p90Min, r.standardMin));
      const cy = barY + BAR_HEIGHT / 2;
      const d = 8;
      diamond = html`<polygon class="p90" points="${fmt(cx)},${fmt(cy - d)} ${fmt(cx + d)},${fmt(cy)} ${fmt(cx)},${fmt(cy + d)} ${fmt(cx - d)},${fmt(cy)}" fill="#ffffff" stroke="#111111" stroke-width="2"/>`;
    }
    return html`<g class="step" data-flow="${r.flowId}" data-step="${r.stepId}" data-median="${r.medianMin ?? ""}" data-p90="${r.p90Min ?? ""}" data-standard="${r.standardMin}">
<title>${r.stepNo}. ${r.activity}</title>
<text x="${plotLeft}" y="${y + 15}" font-size="14" font-weight="600" fill="#1b1f24">${t.chartRowLabel({ no: r.stepNo, stepId: r.stepId })}</text>
<text x="${plotLeft}" y="${y + 32}" font-size="13" fill="#1b1f24">${r.medianMin === null ? t.chartNoneDone : values}</text>
<line x1="${plotLeft}" y1="${barY + BAR_HEIGHT / 2}" x2="${plotRight}" y2="${barY + BAR_HEIGHT / 2}" stroke="#d0d7de" stroke-width="1"/>
${bar}
<line class="standard" x1="${fmt(x(100))}" y1="${barY - 6}" x2="${fmt(x(100))}" y2="${barY + BAR_HEIGHT + 6}" stroke="#111111" stroke-width="2" stroke-dasharray="4 3"/>
${diamond}
</g>`;
  });

  const step = maxPct > 200 ? 100 : 50;
  const ticks: number[] = [];
  for (let pct = 0; pct <= maxPct; pct += step) ticks.push(pct);
  const axis = html`<g class="axis">
<line x1="${plotLeft}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}" stroke="#1b1f24" stroke-width="1"/>
${ticks.map(
  (pct) => html`<line x1="${fmt(x(pct))}" y1="${plotBottom}" x2="${fmt(x(pct))}" y2="${plotBottom + 6}" stroke="#1b1f24" stroke-width="1"/>
<text x="${fmt(x(pct))}" y="${plotBottom + 20}" font-size="13" text-anchor="${pct === 0 ? "start" : pct === maxPct ? "end" : "middle"}" fill="#1b1f24">${pct}%</text>`,
)}
<text x="${fmt((plotLeft + plotRight) / 2)}" y="${plotBottom + 42}" font-size="13" text-anchor="middle" fill="#1b1f24">${t.chartAxis}</text>
</g>`;

  return html`<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" font-family="system-ui, sans-serif">
<title id="${titleId}">${title}</title>
<desc id="${descId}">${t.chartLegendMedian}; ${t.chartLegendP90}; ${t.chartLegendStandard}. ${t.chartAxis}.</desc>
${rowMarks}
${axis}
</svg>
<figcaption>${title}. ▬ ${t.chartLegendMedian} · ◇ ${t.chartLegendP90} · ┆ ${t.chartLegendStandard}. ${p.note}</figcaption>
</figure>`;
}
