// The deadline timer on the real flows, a fresh SQLite database and a clock the test sets: its first pass
// at a working Monday's opening sends the counsellor one morning summary (no reminder per step) and escalates
// the overdue step at once; MORNING_SUMMARY=0 leaves only the escalation.
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { createLogger, createLogOutput } from "../../src/logger.ts";
import { escalateOverdueSteps, startDeadlineTimer, type BrokenRuns } from "../../src/jobs/deadlineTimer.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { freshDatabase } from "../support/databases.ts";
import { waitFor } from "../support/waitFor.ts";

/** The base: a Monday in the organisation's zone, and the Friday before it. */
const MONDAY = DateTime.fromISO("2026-11-30", { zone: "Asia/Jakarta" });
const FRIDAY = MONDAY.minus({ days: 3 });
const on = (day: DateTime, hour: number, minute: number) => day.set({ hour, minute }).toJSDate();

let app: App | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  await app?.close();
});

/** Records rows 1 (the client, 5 minutes after `at`) and 2 (the staf, 10 minutes after): step 3a waits for the counsellor. */
async function registerUpToCounsellor(a: App, p: { caseId: string; clientId: string; staf: string; at: Date }): Promise<void> {
  const ctx = a.flowContext("konseling-online-praja");
  const after = (minutes: number) => new Date(p.at.getTime() + minutes * 60_000);
  await applyCaseEvent(a.db.prisma, ctx, p.caseId, {
    type: "step_done",
    stepId: "s1",
    outcome: "done",
    actor: { personId: p.clientId, roles: [] },
    at: after(5),
  });
  await applyCaseEvent(a.db.prisma, ctx, p.caseId, {
    type: "step_done",
    stepId: "s2",
    outcome: "done",
    actor: { personId: p.staf, roles: ["staf"] },
    at: after(10),
  });
}

/** A counsellor whose step 3a (asked Friday 14:10, 25 working minutes) is overdue by Monday. */
async function overdueCounsellorStep(env: Record<string, string> = {}) {
  const target = await freshDatabase("sqlite");
  app = await openApp({ env: { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent", ...env } });
  const { prisma } = app.db;
  const ctx = app.flowContext("konseling-online-praja");
  const person = async (role: string) => {
    const invite = await issueInvite(prisma, { orgId: "ipdn", role, name: role, ttlHours: 24, now: on(FRIDAY, 8, 0) });
    expect((await redeemInvite(prisma, { code: invite.code, channel: "telegram", address: `tg-${role}`, now: on(FRIDAY, 8, 0) })).ok).toBe(true);
    return invite.personId;
  };
  const konselor = await person("konselor");
  const staf = await person("staf");
  const client = await prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
  const c = await openCase(prisma, ctx, { clientId: client.id, counsellorId: konselor, at: on(FRIDAY, 14, 0), intakeJson: "{}" });
  await registerUpToCounsellor(app, { caseId: c.id, clientId: client.id, staf, at: on(FRIDAY, 14, 0) });
  return { app, konselor, caseNo: c.number };
}

/** Starts the timer with the clock at `now` and waits for its first pass to queue something. */
async function firstPass(a: App, now: Date): Promise<void> {
  let queued = false;
  stop = startDeadlineTimer(a, createLogger("silent"), 3600, () => now, { afterQueue: () => (queued = true) }).stop;
  await waitFor("the timer's first pass", () => queued, 10_000);
}

describe("deadline timer", () => {
  it("at a working Monday's opening: one summary to the counsellor, no reminder per step, and the escalation", async () => {
    const { app: a, konselor, caseNo } = await overdueCounsellorStep();
    await firstPass(a, on(MONDAY, 7, 30));
    await waitFor("the escalation", async () => (await a.db.prisma.stepRun.count({ where: { escalatedAt: { not: null } } })) === 1, 10_000);
    const rows = await a.db.prisma.outbox.findMany({ where: { personId: konselor, dedupeKey: { startsWith: "summary:" } } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payloadJson).text).toContain(`Lewat batas waktu (1):\n• Kasus #${caseNo}, langkah 3 (`);
    expect(await a.db.prisma.outbox.count({ where: { dedupeKey: { startsWith: "reminder:" } } })).toBe(0);
    expect(await a.db.prisma.auditEvent.count({ where: { type: "deadline_passed" } })).toBe(1);
  });

  it("with MORNING_SUMMARY=0 it sends no summary; the escalation still goes out", async () => {
    const { app: a } = await overdueCounsellorStep({ MORNING_SUMMARY: "0" });
    await firstPass(a, on(MONDAY, 7, 30));
    expect(await a.db.prisma.auditEvent.count({ where: { type: "deadline_passed" } })).toBe(1);
    expect(await a.db.prisma.outbox.count({ where: { dedupeKey: { startsWith: "summary:" } } })).toBe(0);
  });

  it("handles each case on its own: a case on a step the flow no longer has is logged once and skipped, the others escalate", async () => {
    const { app: a, caseNo: brokenNo } = await overdueCounsellorStep();
    const { prisma } = a.db;
    const ctx = a.flowContext("konseling-online-praja");
    // A second case, overdue later than the first (so the broken one comes first in the pass).
    const client = await prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
    const staf = (await prisma.staffRole.findFirst({ where: { role: "staf" } }))!.personId;
    const other = await openCase(prisma, ctx, { clientId: client.id, at: on(FRIDAY, 14, 20), intakeJson: "{}" });
    await registerUpToCounsellor(a, { caseId: other.id, clientId: client.id, staf, at: on(FRIDAY, 14, 20) });
    // The first case's open step was renamed in flows/ since it was asked (as an edited YAML would leave it).
    const brokenCase = (await prisma.case.findUnique({ where: { number: brokenNo } }))!;
    await prisma.stepRun.updateMany({ where: { caseId: brokenCase.id, actedAt: null }, data: { stepId: "s3-renamed" } });
    await prisma.case.update({ where: { id: brokenCase.id }, data: { currentStepId: "s3-renamed" } });

    const lines: { level: number; msg: string; caseNo?: number }[] = [];
    const log = createLogger("info", createLogOutput({ pretty: false, write: (line) => void lines.push(JSON.parse(line)) }));
    const broken: BrokenRuns = new Map();
    const now = on(MONDAY, 9, 0);
    expect(await escalateOverdueSteps(a, now, { log, broken })).toBe(1);
    const escalatedCases = await prisma.stepRun.findMany({ where: { escalatedAt: { not: null } }, select: { caseId: true } });
    expect(escalatedCases.map((r) => r.caseId)).toEqual([other.id]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, caseNo: brokenNo });
    expect(lines[0]!.msg).toBe(
      `case #${brokenNo} could not be escalated (flow konseling-online-praja, step s3-renamed); skipped for an hour, the other cases go on. npm run cli -- flows check names every open case the flows no longer fit`,
    );
    // Its claim was rolled back with the failure: nothing half-done on the broken case.
    expect(await prisma.stepRun.count({ where: { caseId: brokenCase.id, escalatedAt: { not: null } } })).toBe(0);
    // The next passes leave it out without a line more, until the hour is over.
    expect(await escalateOverdueSteps(a, on(MONDAY, 9, 1), { log, broken })).toBe(0);
    expect(lines).toHaveLength(1);
    expect(await escalateOverdueSteps(a, on(MONDAY, 10, 1), { log, broken })).toBe(0);
    expect(lines).toHaveLength(2);
  });
});
