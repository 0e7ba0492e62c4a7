// The leadership recap's count of hand-overs between SOPs (Keterkaitan): per pair of SOPs, how many cases were
// handed over and how many of those still run.
import type { App } from "../../app/openApp.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { handOverTextsFor } from "../../i18n/handOver.ts";
import { handOverCounts } from "../../store/cases/caseLinks.ts";
import { flowTitle } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";

/** The hand-over table of one organisation (a line saying there are none yet when so). */
export async function renderHandOverRecap(app: App, p: { orgId: string; t: DashboardTexts }): Promise<SafeHtml> {
  const { t } = p;
  const h = handOverTextsFor(t.lang);
  const counts = await handOverCounts(app.db.prisma, p.orgId);
  if (counts.length === 0) return html`<h3>${h.recapHeading}</h3><p class="muted">${h.noHandOvers}</p>`;
  const rows = counts.map(
    (c) =>
      html`<tr data-from="${c.fromFlowId}" data-to="${c.toFlowId}"><td class="text">${flowTitle(app, c.fromFlowId, t)}</td><td class="text">${flowTitle(app, c.toFlowId, t)}</td><td class="num">${c.count}</td><td class="num">${c.open}</td></tr>`,
  );
  return html`<h3>${h.recapHeading}</h3>
<div class="scroll"><table class="hand-overs"><thead><tr><th>${h.fromFlow}</th><th>${h.toFlow}</th><th class="num">${h.handOvers}</th><th class="num">${h.stillOpen}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}
