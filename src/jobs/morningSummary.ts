// The morning summary: once per working day of an organisation's calendar, from the opening of its office
// hours, every staff member holding open steps that are due that day or overdue gets ONE message listing
// them (instead of a reminder per step, which made fifteen cases some 300 messages in one chat).
//
// What a summary lists is fixed at the opening: steps asked before it (a step asked later in the day got its
// own task message then) whose deadline falls before the end of the local day. So a pass after the opening
// (the service was down at 07:30) sends the same summary late, and a case opened at 09:00 sends no mid-day
// summary. Nothing is sent outside working time (weekends, the organisation's holidays, before opening,
// after closing).
//
// Once per person per organisation per local day, across restarts and instances: the summary's first outbox
// row carries the unique dedupe key summary:<org>:<date>:<person>, written in the same transaction that
// marks the listed steps reminded and records the audit events; a second instance racing for it hits the
// unique key and its whole transaction rolls back.
import { DateTime } from "luxon";
import { rolesThatMayAct } from "../core/advanceCase.ts";
import { formatLocal, isWorkingTime, nextOpening } from "../core/workingTime.ts";
import { CLIENT_ROLE, type OrganisationDef, type Step } from "../flows/flowSchema.ts";
import { summaryTextsFor, type SummaryItem } from "../i18n/summary.ts";
import { queuedKeysStartingWith, queueMessage } from "../store/outbox/index.ts";
import { recipientsForStepRole } from "../store/qualifiedRecipients.ts";
import type { Recipient } from "../store/recipients.ts";
import type { App } from "../app/openApp.ts";

/** At most this many steps are listed in one summary; the rest are counted, and /kasus shows them all. */
export const SUMMARY_MAX_ITEMS = 25;

/** The dedupe key of a person's summary for an organisation's local day (its first outbox row: the claim). */
export function summaryKey(p: { orgId: string; date: string; personId: string }): string {
  return `summary:${p.orgId}:${p.date}:${p.personId}`;
}

/** One pass over every organisation: sends the summaries due now. Returns how many people got one. */
export async function sendMorningSummaries(app: App, now: Date): Promise<number> {
  let sent = 0;
  for (const organisation of app.flows.organisations.values()) sent += await summariseOrganisation(app, organisation, now);
  return sent;
}

type OpenRun = {
  id: string;
  stepId: string;
  deadlineAt: Date;
  case: { id: string; number: number; flowId: string; orgId: string; clientId: string; counsellorId: string | null };
};

type Holding = { personId: string; locale: string; identities: Recipient[]; runs: { run: OpenRun; step: Step }[] };

async function summariseOrganisation(app: App, organisation: OrganisationDef, now: Date): Promise<number> {
  const calendar = organisation.calendar;
  if (!isWorkingTime(now, calendar)) return 0;
  const { prisma } = app.db;
  const dayStart = DateTime.fromJSDate(now, { zone: calendar.timeZone }).startOf("day");
  const date = dayStart.toISODate()!;
  // Today is a working day (now is working time), so the next opening from midnight is today's.
  const opening = nextOpening(dayStart.toJSDate(), calendar);
  const dayEnd = dayStart.plus({ days: 1 }).toJSDate();

  const prefix = summaryKey({ orgId: organisation.id, date, personId: "" });
  const already = await queuedKeysStartingWith(prisma, prefix);
  const summarised = new Set(already.map((key) => key.slice(prefix.length).split(":")[0]));

  const runs: OpenRun[] = await prisma.stepRun.findMany({
    where: { actedAt: null, askedAt: { lt: opening }, deadlineAt: { lt: dayEnd }, case: { status: "open", orgId: organisation.id } },
    select: {
      id: true,
      stepId: true,
      deadlineAt: true,
      case: { select: { id: true, number: true, flowId: true, orgId: true, clientId: true, counsellorId: true } },
    },
    orderBy: [{ deadlineAt: "asc" }, { id: "asc" }],
  });

  const holdings = new Map<string, Holding>();
  const recipientsOf = new Map<string, Promise<Recipient[]>>();
  for (const run of runs) {
    const step = stepOf(app, run);
    if (!step) continue;
    for (const role of rolesThatMayAct(step)) {
      if (role === CLIENT_ROLE) continue; // the summary is for staff; a client's own step asks them in their chat
      // The counsellor role means the case's own counsellor (all holders when none is assigned yet).
      // A step that requires a qualification is summarised only to holders of one (src/store/qualifiedRecipients.ts).
      const required = role === step.role ? (step.requires_qualification ?? []).join(",") : "";
      const cacheKey = `${role === "konselor" ? `konselor:${run.case.counsellorId ?? ""}` : role}|${required}`;
      let recipients = recipientsOf.get(cacheKey);
      if (!recipients) {
        recipients = recipientsForStepRole(prisma, { orgId: organisation.id, role, clientId: run.case.clientId, counsellorId: run.case.counsellorId, step });
        recipientsOf.set(cacheKey, recipients);
      }
      for (const r of await recipients) {
        if (summarised.has(r.personId)) continue;
        const holding = holdings.get(r.personId) ?? { personId: r.personId, locale: r.locale, identities: [], runs: [] };
        holdings.set(r.personId, holding);
        if (!holding.identities.some((i) => i.identityId === r.identityId)) holding.identities.push(r);
        if (!holding.runs.some((h) => h.run.id === run.id)) holding.runs.push({ run, step });
      }
    }
  }

  let sent = 0;
  for (const holding of holdings.values()) {
    if (await sendSummary(app, { organisation, date, now, holding })) sent++;
  }
  return sent;
}

function stepOf(app: App, run: OpenRun): Step | undefined {
  try {
    return app.flowContext(run.case.flowId).flow.steps.find((s) => s.id === run.stepId);
  } catch {
    return undefined; // a flow no longer loaded: its steps cannot be described, and the escalation still runs
  }
}

/** Queues one person's summary and marks its steps reminded, once; false when another instance claimed it first. */
async function sendSummary(app: App, p: { organisation: OrganisationDef; date: string; now: Date; holding: Holding }): Promise<boolean> {
  const { organisation, date, now, holding } = p;
  const locale = holding.locale === "en" ? "en" : "id";
  const t = summaryTextsFor(locale);
  const calendar = organisation.calendar;
  const listed = [...holding.runs]
    .sort((a, b) => a.run.deadlineAt.getTime() - b.run.deadlineAt.getTime() || a.run.case.number - b.run.case.number)
    .slice(0, SUMMARY_MAX_ITEMS);
  const item = ({ run, step }: { run: OpenRun; step: Step }): SummaryItem => ({
    caseNo: run.case.number,
    stepNo: step.no,
    activity: (locale === "en" ? step.activity_en : undefined) ?? step.activity,
    deadline: formatLocal(run.deadlineAt, calendar, locale),
  });
  const isOverdue = (h: { run: OpenRun }) => h.run.deadlineAt.getTime() <= now.getTime();
  const text = t.summary({
    when: formatLocal(now, calendar, locale),
    overdue: listed.filter(isOverdue).map(item),
    dueToday: listed.filter((h) => !isOverdue(h)).map(item),
    more: holding.runs.length - listed.length,
  });
  const claim = summaryKey({ orgId: organisation.id, date, personId: holding.personId });
  try {
    return await app.db.prisma.$transaction(async (tx) => {
      // The first write is the claim: the row with the unique key (the pass already skipped people whose
      // claim it saw, so a conflict here means another instance is sending the same summary right now).
      for (const [n, identity] of holding.identities.entries()) {
        await queueMessage(tx, {
          dedupeKey: n === 0 ? claim : `${claim}:${identity.identityId}`,
          channel: identity.channel,
          address: identity.address,
          personId: holding.personId,
          message: { text, subject: t.subject },
        });
      }
      const ids = listed.map((h) => h.run.id);
      await tx.stepRun.updateMany({ where: { id: { in: ids }, remindedAt: null }, data: { remindedAt: now } });
      const byCase = new Map<string, string[]>();
      for (const { run } of listed) byCase.set(run.case.id, [...(byCase.get(run.case.id) ?? []), run.stepId]);
      for (const [caseId, stepIds] of byCase) {
        await tx.auditEvent.create({
          data: { type: "deadline_reminder", caseId, dataJson: JSON.stringify({ stepIds, to: holding.personId, via: "morning_summary" }), at: now },
        });
      }
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false; // another instance claimed this summary first
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
