// The inbound dead letters on the leadership's home page: messages the service kept but could not handle after every
// attempt. A leader sees that they exist and when (never what they say, nor who sent them: the admins look into each
// by its reference), so a client whose message is stuck is not forgotten.
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { deadLetters } from "../../store/inboundQueue.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import { formatWhen } from "./dashboardFormat.ts";
import { html, type SafeHtml } from "./html.ts";

/** How many dead letters the section lists, the latest first (its text says how many there are in all). */
const LISTED = 20;

/** The section for the organisations a leader oversees (their senders' dead letters and those of senders not known yet), or "" when there are none. */
export async function renderDeadLetters(deps: DashboardDeps, p: { orgIds: string[]; t: DashboardTexts }): Promise<SafeHtml | ""> {
  if (p.orgIds.length === 0) return "";
  const { total, latest } = await deadLetters(deps.app.db.prisma, { orgIds: p.orgIds, limit: LISTED });
  if (total === 0) return "";
  const { t } = p;
  const calendar = deps.app.flows.organisations.get(p.orgIds[0]!)?.calendar;
  const lines = latest.map(
    (row) =>
      html`<tr><td class="when">${formatWhen(row.receivedAt, calendar, t)}</td><td>${row.channel}</td><td>${row.attempts}</td><td>${row.lastError ?? t.none}</td><td><code>${row.id}</code></td></tr>`,
  );
  return html`<section class="dead-letters" data-count="${total}"><h2>${t.deadLettersTitle}</h2><p class="notice">${t.deadLettersIntro({ count: total })}</p>
<table><thead><tr><th>${t.deadLetterReceived}</th><th>${t.deadLetterChannel}</th><th>${t.deadLetterAttempts}</th><th>${t.deadLetterError}</th><th>${t.deadLetterRef}</th></tr></thead><tbody>${lines}</tbody></table></section>`;
}
