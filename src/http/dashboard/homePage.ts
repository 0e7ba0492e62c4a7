// GET /dasbor: one section per organisation where the viewer holds a role; the policy decides whether it is
// the leadership overview (org.viewRecap) or the viewer's own cases and queue. Leaders also see the inbound
// messages the service could not handle (dead letters), on top.
import { may } from "../../core/policy.ts";
import { calendarGapsOf } from "../calendarHealth.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { renderCounsellorOverview } from "./counsellorOverview.ts";
import { renderDeadLetters } from "./deadLettersSection.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import type { Viewer } from "./dashboardViewer.ts";
import { html } from "./html.ts";
import { renderOrgOverview } from "./orgOverview.ts";
import { renderPage } from "./pageLayout.ts";

/** The whole home page for a viewer. */
export async function renderHomePage(deps: DashboardDeps, p: { viewer: Viewer; t: DashboardTexts }): Promise<string> {
  const { viewer, t } = p;
  const now = deps.clock();
  const sections = [];
  for (const orgId of viewer.orgIds) {
    const name = deps.app.flows.organisations.get(orgId)?.name ?? orgId;
    const body = may({ subject: viewer.subject, action: "org.viewRecap", orgId })
      ? await renderOrgOverview(deps, { orgId, now, t })
      : await renderCounsellorOverview(deps, { orgId, personId: viewer.personId, now, t });
    sections.push(html`<section class="org" data-org="${orgId}"><h2>${name}</h2>${body}</section>`);
  }
  // A holiday list missing for the days ahead makes deadlines wrong without anyone noticing: say so on top.
  const gaps = calendarGapsOf(deps.app, now).filter((gap) => viewer.orgIds.includes(gap.orgId));
  const warnings = gaps.map((gap) => {
    const org = deps.app.flows.organisations.get(gap.orgId)?.name ?? gap.orgId;
    return html`<p class="notice calendar-gap" data-org="${gap.orgId}" data-year="${gap.year}">${t.calendarGap({ org, year: gap.year, missing: gap.reason === "missing", from: gap.from })}</p>`;
  });
  // Messages the service could not handle are for the leadership to see at once, above everything else.
  const overseen = viewer.orgIds.filter((orgId) => may({ subject: viewer.subject, action: "org.viewRecap", orgId }));
  const stuck = await renderDeadLetters(deps, { orgIds: overseen, t });
  const body = html`${stuck}${warnings}${sections.length ? html`${sections}` : html`<p>${t.noOrganisations}</p>`}`;
  return renderPage({ t, title: t.title, path: "/dasbor", viewer, body });
}
