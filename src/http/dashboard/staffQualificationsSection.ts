// Kualifikasi Pelaksana on the dashboard: the leadership sees the organisation's staff with their roles and
// qualifications (who may be given a step that requires one); everyone else sees their own.
import type { App } from "../../app/openApp.ts";
import { qualificationLabels } from "../../flows/qualifications.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { qualificationTextsFor } from "../../i18n/qualifications.ts";
import { qualificationsOf } from "../../store/staffQualifications.ts";
import { roleLabel } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";

/** The organisation's staff, their roles and qualifications (labels from flows/organisations.yaml). */
export async function renderStaffQualifications(app: App, p: { orgId: string; t: DashboardTexts }): Promise<SafeHtml> {
  const { t } = p;
  const q = qualificationTextsFor(t.lang);
  const organisation = app.flows.organisations.get(p.orgId);
  const people = await app.db.prisma.person.findMany({
    where: { erasedAt: null, roles: { some: { orgId: p.orgId } } },
    select: {
      id: true,
      displayName: true,
      roles: { where: { orgId: p.orgId }, select: { role: true }, orderBy: { role: "asc" } },
      qualifications: { where: { orgId: p.orgId }, select: { qualification: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (people.length === 0) return html`<h3>${q.staffHeading}</h3><p class="muted">${q.noStaff}</p>`;
  // Names are encrypted at rest, so they are put in order here, not by the database.
  people.sort((a, b) => (a.displayName ?? "").localeCompare(b.displayName ?? "", "id") || a.id.localeCompare(b.id));
  const rows = people.map((person) => {
    const held = qualificationLabels(
      organisation,
      person.qualifications.map((x) => x.qualification),
      t.lang,
    );
    return html`<tr data-person="${person.id.slice(-8)}"><td class="text">${person.displayName ?? t.none}</td><td class="text">${person.roles.map((r) => roleLabel(organisation, r.role, t)).join(", ")}</td><td class="text qualifications">${held.length ? held.join("; ") : html`<span class="muted">${q.none}</span>`}</td></tr>`;
  });
  return html`<h3>${q.staffHeading}</h3>
<div class="scroll"><table class="staff"><thead><tr><th>${q.name}</th><th>${q.roles}</th><th>${q.qualifications}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** One line with the viewer's own qualifications in the organisation. */
export async function renderOwnQualifications(app: App, p: { orgId: string; personId: string; t: DashboardTexts }): Promise<SafeHtml> {
  const q = qualificationTextsFor(p.t.lang);
  const held = qualificationLabels(
    app.flows.organisations.get(p.orgId),
    await qualificationsOf(app.db.prisma, { personId: p.personId, orgId: p.orgId }),
    p.t.lang,
  );
  return html`<p class="own-qualifications">${q.yours({ list: held.length ? held.join("; ") : q.none })}</p>`;
}
