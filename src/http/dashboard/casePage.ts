// GET /dasbor/kasus/:number: a case's timeline (each step run against its standard, escalations), its
// sessions and documents; the biodata and complaint only for whom case.viewIntake allows (the counsellor).
import type { App } from "../../app/openApp.ts";
import { may, type CaseTarget } from "../../core/policy.ts";
import type { OrganisationDef } from "../../flows/flowSchema.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { messagesFor } from "../../i18n/index.ts";
import { caseTimelineRows } from "../../store/recapQueries.ts";
import { renderCaseLinks } from "./caseLinksSection.ts";
import { renderDocumentRow } from "./documentRow.ts";
import type { Viewer } from "./dashboardViewer.ts";
import { formatMinutes, formatWhen } from "./dashboardFormat.ts";
import { activityOf, flowTitle, outcomeLabel, roleLabel } from "./flowLabels.ts";
import { html, type SafeHtml } from "./html.ts";
import { renderPage, withLang } from "./pageLayout.ts";
import { stepStandard } from "./stepStandard.ts";

/** The case row the page and the policy need (no intake unless asked for). */
export async function findCaseByNumber(app: App, number: number) {
  return app.db.prisma.case.findUnique({
    where: { number },
    select: { id: true, number: true, orgId: true, flowId: true, clientId: true, counsellorId: true, status: true, openedAt: true, closedAt: true },
  });
}

/** The policy's view of a case row. */
export function caseTarget(c: { orgId: string; clientId: string; counsellorId: string | null }): CaseTarget {
  return { orgId: c.orgId, clientId: c.clientId, counsellorId: c.counsellorId };
}

type Found = NonNullable<Awaited<ReturnType<typeof findCaseByNumber>>>;

/** The biodata and complaint as the intake stored them (plain JSON; see the privacy layer for at-rest encryption). */
function renderIntake(intakeJson: string, t: DashboardTexts): SafeHtml {
  let intake: { kind?: unknown; answers?: Record<string, unknown>; keluhan?: unknown } = {};
  try {
    intake = JSON.parse(intakeJson || "{}") as typeof intake;
  } catch {
    intake = {};
  }
  const fields = messagesFor(t.lang).fields as Record<string, { label: string } | undefined>;
  const answers = Object.entries(intake.answers ?? {}).filter(([, v]) => typeof v === "string" && v !== "");
  const kind = typeof intake.kind === "string" ? intake.kind : null;
  const keluhan = typeof intake.keluhan === "string" ? intake.keluhan : null;
  return html`<h2>${t.intake}</h2>
<p class="notice">${t.intakeNotice}</p>
<dl class="facts">
${kind ? html`<dt>${t.clientKind}</dt><dd>${kind}</dd>` : ""}
${answers.map(([id, v]) => html`<dt>${fields[id]?.label ?? id}</dt><dd>${String(v)}</dd>`)}
</dl>
${keluhan ? html`<h3>${t.complaint}</h3><div class="keluhan">${keluhan}</div>` : ""}`;
}

async function renderTimeline(
  app: App,
  c: Found,
  p: { viewer: Viewer; seesIntake: boolean; organisation: OrganisationDef | undefined; now: Date; t: DashboardTexts },
): Promise<SafeHtml> {
  const { t, organisation } = p;
  const calendar = organisation?.calendar;
  const runs = await caseTimelineRows(app.db.prisma, c.id);
  // Escalations: the k-th "deadline_passed" audit with a target role of a step belongs to the k-th escalated run of that step.
  const audits = await app.db.prisma.auditEvent.findMany({
    where: { caseId: c.id, type: "deadline_passed" },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { dataJson: true },
  });
  const targets = new Map<string, string[]>();
  for (const a of audits) {
    try {
      const data = JSON.parse(a.dataJson) as { stepId?: unknown; toRole?: unknown };
      if (typeof data.stepId === "string" && typeof data.toRole === "string") targets.set(data.stepId, [...(targets.get(data.stepId) ?? []), data.toRole]);
    } catch {
      // an unreadable audit row names no target; the run still shows when it was escalated
    }
  }
  // Who acted is shown by name, except the client, whose name is for the counsellor only.
  const actors = await app.db.prisma.stepRun.findMany({ where: { caseId: c.id }, select: { id: true, actedById: true } });
  const actedById = new Map(actors.map((r) => [r.id, r.actedById]));

  const rows = runs.map((r) => {
    const byClient = actedById.get(r.id) === c.clientId;
    const who = r.actedAt ? (byClient && !p.seesIntake ? t.clientActor : (r.actedBy?.displayName ?? t.none)) : null;
    const late = r.actedAt ? r.late === true : r.deadlineAt.getTime() < p.now.getTime();
    const verdict = r.actedAt
      ? r.late
        ? html`<span class="mark late">${t.lateMark}</span>`
        : html`<span class="mark">${t.onTimeMark}</span>`
      : late
        ? html`<span class="mark late">${t.overdueMark}</span>`
        : html`<span class="mark">${t.waiting}</span>`;
    let escalation: string = t.none;
    if (r.escalatedAt) {
      const toRole = targets.get(r.stepId)?.shift();
      const at = formatWhen(r.escalatedAt, calendar, t);
      escalation = toRole ? t.escalatedTo({ role: roleLabel(organisation, toRole, t), at }) : t.escalatedAt({ at });
    }
    const standard = stepStandard(app, { flowId: c.flowId, stepId: r.stepId, storedMin: r.standardMin, t });
    const taken = r.actedAt ? r.actualMin : null;
    // Step, who, deadline and result lead the row: on a phone the row becomes a card in this order (dashboardStyle.ts).
    return html`<tr class="${late ? "is-late" : ""}" data-step="${r.stepId}">
<td class="step text">${r.stepNo}. ${activityOf(app, c.flowId, r.stepId, t)}${p.seesIntake && r.note ? html`<br><span class="muted">${t.note}: ${r.note}</span>` : ""}</td>
<td class="who" data-label="${t.role}">${roleLabel(organisation, r.role, t)}${who ? html`<br>${t.by({ name: who })}` : ""}</td>
<td class="deadline when" data-label="${t.deadline}">${formatWhen(r.deadlineAt, calendar, t)}</td>
<td class="result" data-label="${t.outcome}">${r.actedAt ? html`${outcomeLabel(app, c.flowId, r.stepId, r.outcome, t)} ` : ""}${verdict}</td>
<td class="asked when" data-label="${t.asked}">${formatWhen(r.askedAt, calendar, t)}</td>
<td class="acted when" data-label="${t.acted}">${r.actedAt ? formatWhen(r.actedAt, calendar, t) : t.none}</td>
<td class="actual num" data-label="${t.actualVsStandard}" data-actual="${taken ?? ""}" data-standard="${standard.minutes}">${taken === null ? t.none : formatMinutes(taken, t)} / ${standard.text}${standard.workingDays ? html` <span class="muted">${t.workingEquivalent({ minutes: standard.minutes })}</span>` : ""}</td>
<td class="escalation" data-label="${t.escalation}">${escalation}</td>
</tr>`;
  });
  return html`<h2>${t.timeline}</h2>
<div class="scroll"><table class="timeline">
<thead><tr><th>${t.step}</th><th>${t.role}</th><th>${t.deadline}</th><th>${t.outcome}</th><th>${t.asked}</th><th>${t.acted}</th><th class="num">${t.actualVsStandard}</th><th>${t.escalation}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

async function renderSessions(app: App, c: Found, p: { seesLinks: boolean; organisation: OrganisationDef | undefined; t: DashboardTexts }): Promise<SafeHtml> {
  const { t } = p;
  const sessions = await app.db.prisma.appointment.findMany({
    where: { caseId: c.id },
    orderBy: { startsAt: "asc" },
    select: { startsAt: true, endsAt: true, status: true, meetUrl: true },
  });
  if (sessions.length === 0) return html`<h2>${t.sessions}</h2><p class="muted">${t.noSessions}</p>`;
  const calendar = p.organisation?.calendar;
  const rows = sessions.map((s) => {
    const link =
      p.seesLinks && s.meetUrl && /^https:\/\/[^\s"'<>]+$/.test(s.meetUrl) ? html`<a href="${s.meetUrl}" rel="noopener noreferrer">${s.meetUrl}</a>` : t.none;
    return html`<tr><td>${formatWhen(s.startsAt, calendar, t)}</td><td>${formatWhen(s.endsAt, calendar, t)}</td><td>${t.sessionStatus[s.status] ?? s.status}</td><td>${link}</td></tr>`;
  });
  return html`<h2>${t.sessions}</h2>
<div class="scroll"><table class="sessions"><thead><tr><th>${t.starts}</th><th>${t.ends}</th><th>${t.status}</th><th>${t.meetLink}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

async function renderDocuments(app: App, c: Found, p: { viewer: Viewer; organisation: OrganisationDef | undefined; t: DashboardTexts }): Promise<SafeHtml> {
  const { t } = p;
  const documents = await app.db.prisma.document.findMany({
    where: { caseId: c.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, title: true, status: true, createdAt: true },
  });
  if (documents.length === 0) return html`<h2>${t.documents}</h2><p class="muted">${t.noDocuments}</p>`;
  const rows = documents.map((d) => renderDocumentRow(d, { subject: p.viewer.subject, target: caseTarget(c), calendar: p.organisation?.calendar, t }));
  return html`<h2>${t.documents}</h2>
<div class="scroll"><table class="documents"><thead><tr><th>${t.document}</th><th>${t.created}</th><th></th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** The whole case page, for a viewer the policy already allowed to see the case. */
export async function renderCasePage(p: { app: App; found: Found; viewer: Viewer; now: Date; t: DashboardTexts }): Promise<string> {
  const { app, found: c, viewer, t } = p;
  const target = caseTarget(c);
  const organisation = app.flows.organisations.get(c.orgId);
  const seesIntake = may({ subject: viewer.subject, action: "case.viewIntake", case: target });
  const seesLinks = may({ subject: viewer.subject, action: "case.manageSession", case: target });
  const counsellor = c.counsellorId ? await app.db.prisma.person.findUnique({ where: { id: c.counsellorId }, select: { displayName: true } }) : null;
  const intake = seesIntake ? await app.db.prisma.case.findUnique({ where: { id: c.id }, select: { intakeJson: true } }) : null;
  const body = html`<dl class="facts">
<dt>${t.flow}</dt><dd>${flowTitle(app, c.flowId, t)}</dd>
<dt>${t.organisation}</dt><dd>${organisation?.name ?? c.orgId}</dd>
<dt>${t.status}</dt><dd>${t.statusLabels[c.status] ?? c.status}</dd>
<dt>${t.counsellor}</dt><dd>${counsellor?.displayName ?? t.none}</dd>
<dt>${t.opened}</dt><dd>${formatWhen(c.openedAt, organisation?.calendar, t)}</dd>
${c.closedAt ? html`<dt>${t.closed}</dt><dd>${formatWhen(c.closedAt, organisation?.calendar, t)}</dd>` : ""}
</dl>
${await renderCaseLinks(app, c, { viewer, t })}
${intake ? renderIntake(intake.intakeJson, t) : ""}
${await renderTimeline(app, c, { viewer, seesIntake, organisation, now: p.now, t })}
${await renderSessions(app, c, { seesLinks, organisation, t })}
${await renderDocuments(app, c, { viewer, organisation, t })}
<p class="actions"><a href="${withLang("/dasbor", t)}">← ${t.home}</a></p>`;
  return renderPage({ t, title: t.casePageTitle({ caseNo: c.number }), path: `/dasbor/kasus/${c.number}`, viewer, body });
}
