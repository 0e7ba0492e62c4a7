// The morning summary on the real flows and organisations (flows/), on a fresh database of each kind, with
// a clock the test sets: cases and step runs come from the real case repository at chosen times, staff from
// invite codes, and every assertion reads the outbox rows the pass wrote. All dates are built from one base
// Monday; the holiday is taken from the organisation's own list.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { isWorkingTime, nextOpening } from "../../src/core/workingTime.ts";
import { sendMorningSummaries, summaryKey } from "../../src/jobs/morningSummary.ts";
import { applyCaseEvent, openCase, type FlowContext } from "../../src/store/caseRepository.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { canTest, DB_KINDS, freshDatabase } from "../support/databases.ts";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";

const FLOW = "konseling-online-praja";
const ZONE = "Asia/Jakarta";
/** The base: a Monday in the organisation's zone; every other date is counted from it. */
const MONDAY = DateTime.fromISO("2026-11-30", { zone: ZONE });
const on = (day: DateTime, hhmm: string) => {
  const [hour, minute] = hhmm.split(":").map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
};
const FRIDAY = MONDAY.minus({ days: 3 });
const SATURDAY = MONDAY.minus({ days: 2 });
const TUESDAY = MONDAY.plus({ days: 1 });

for (const kind of DB_KINDS)
  describe.skipIf(!canTest(kind))(`morning summary (${kind})`, () => {
    let app: App;
    let second: App; // a second instance of the service on the same database
    let ctx: FlowContext;
    const people: Record<string, string> = {};
    const cases: Record<string, number> = {};

    const summaryRows = () => app.db.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: "summary:" } }, orderBy: { createdAt: "asc" } });
    const textOf = (row: { payloadJson: string }) => (JSON.parse(row.payloadJson) as { text: string }).text;
    const rowsFor = async (who: string) => (await summaryRows()).filter((r) => r.personId === people[who]);

    async function staff(name: string, role: string, locale = "id"): Promise<string> {
      const invite = await issueInvite(app.db.prisma, { orgId: "ipdn", role, name, ttlHours: 24, now: FRIDAY.toJSDate() });
      const linked = await redeemInvite(app.db.prisma, { code: invite.code, channel: "telegram", address: `tg-${name}`, now: FRIDAY.toJSDate() });
      expect(linked.ok).toBe(true);
      await app.db.prisma.person.update({ where: { id: invite.personId }, data: { locale } });
      return invite.personId;
    }

    /** Opens a case for a counsellor and has the client and the staf do steps 1 and 2 at the given times. */
    async function caseUpToCounsellor(p: { counsellor: string; day: DateTime; opened: string; s1: string; s2: string }): Promise<number> {
      const client = await app.db.prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
      const c = await openCase(app.db.prisma, ctx, { clientId: client.id, counsellorId: people[p.counsellor], at: on(p.day, p.opened), intakeJson: "{}" });
      const s1 = await applyCaseEvent(app.db.prisma, ctx, c.id, {
        type: "step_done",
        stepId: "s1",
        outcome: "done",
        actor: { personId: client.id, roles: [] },
        at: on(p.day, p.s1),
      });
      const s2 = await applyCaseEvent(app.db.prisma, ctx, c.id, {
        type: "step_done",
        stepId: "s2",
        outcome: "done",
        actor: { personId: people.staf!, roles: ["staf"] },
        at: on(p.day, p.s2),
      });
      expect(s1.ok && s2.ok).toBe(true);
      return c.number;
    }

    /**
     * A pass on each instance: at the same moment on PostgreSQL (the several-instances case); one after the
     * other on SQLite, whose driver waits for a lock synchronously, so two clients in one Node process would
     * block each other (one process serves a SQLite unit).
     */
    const passOnBoth = async (at: Date): Promise<number[]> =>
      kind === "postgres"
        ? Promise.all([sendMorningSummaries(app, at), sendMorningSummaries(second, at)])
        : [await sendMorningSummaries(app, at), await sendMorningSummaries(second, at)];

    beforeAll(async () => {
      const target = await freshDatabase(kind);
      const env = { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent", ...TEST_KEYS_ENV };
      app = await openApp({ env });
      second = await openApp({ env });
      ctx = app.flowContext(FLOW);
      people.konselorA = await staff("KonselorA", "konselor");
      people.konselorB = await staff("KonselorB", "konselor", "en");
      people.konselorC = await staff("KonselorC", "konselor");
      people.staf = await staff("Staf", "staf");
      people.kepala = await staff("Kepala", "kepala_unit");
      // Counsellor A: step 3a of case 1 due Friday 14:35 (overdue by Monday), of case 2 due Monday 07:45
      // (15:50 + 25 working minutes). Counsellor B (English): step 3a of case 3 due Monday 07:50.
      cases.one = await caseUpToCounsellor({ counsellor: "konselorA", day: FRIDAY, opened: "14:00", s1: "14:05", s2: "14:10" });
      cases.two = await caseUpToCounsellor({ counsellor: "konselorA", day: FRIDAY, opened: "15:40", s1: "15:45", s2: "15:50" });
      cases.three = await caseUpToCounsellor({ counsellor: "konselorB", day: FRIDAY, opened: "15:50", s1: "15:52", s2: "15:55" });
      // A client who has not done their own step 1 (overdue since Friday): clients get no summary.
      const client = await app.db.prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
      await app.db.prisma.channelIdentity.create({ data: { personId: client.id, channel: "telegram", address: "tg-client" } });
      people.client = client.id;
      await openCase(app.db.prisma, ctx, { clientId: client.id, counsellorId: people.konselorC, at: on(FRIDAY, "15:00"), intakeJson: "{}" });
    }, 60_000);
    afterAll(async () => {
      await second?.close();
      await app?.close();
    });

    it("sends nothing on a Saturday", async () => {
      expect(isWorkingTime(on(SATURDAY, "09:00"), ctx.organisation.calendar)).toBe(false);
      for (const time of ["07:30", "09:00", "13:00"]) expect(await sendMorningSummaries(app, on(SATURDAY, time))).toBe(0);
      expect(await summaryRows()).toHaveLength(0);
    });

    it("sends nothing on a working Monday before the office opens", async () => {
      expect(await sendMorningSummaries(app, on(MONDAY, "07:29"))).toBe(0);
      expect(await summaryRows()).toHaveLength(0);
    });

    it("at 07:30 on a working Monday each person with steps due gets one summary; nobody else gets one", async () => {
      expect(await sendMorningSummaries(app, on(MONDAY, "07:30"))).toBe(2);
      const rows = await summaryRows();
      expect(rows.map((r) => r.personId).sort()).toEqual([people.konselorA, people.konselorB].sort());

      const [a] = await rowsFor("konselorA");
      expect(a!.dedupeKey).toBe(summaryKey({ orgId: "ipdn", date: "2026-11-30", personId: people.konselorA! }));
      expect(a).toMatchObject({ channel: "telegram", address: "tg-KonselorA", caseId: null, stepRunId: null });
      const text = textOf(a!);
      expect(text).toMatch(/^Ringkasan tugas Anda, Senin, 30 November 2026 07\.30 WIB/);
      expect(text).toContain(`Lewat batas waktu (1):\n• Kasus #${cases.one}, langkah 3 (`);
      expect(text).toContain("batas waktu Jumat, 27 November 2026 14.35 WIB");
      expect(text).toContain(`Jatuh tempo hari ini (1):\n• Kasus #${cases.two}, langkah 3 (`);
      expect(text).toContain("batas waktu Senin, 30 November 2026 07.45 WIB");
      expect(text.indexOf("Lewat batas waktu")).toBeLessThan(text.indexOf("Jatuh tempo hari ini"));
      expect(text).toMatch(/\/kasus$/);
      expect(text).not.toContain(`Kasus #${cases.three}`);

      const b = textOf((await rowsFor("konselorB"))[0]!);
      expect(b).toMatch(/^Your tasks, Monday, 30 November 2026 07:30 WIB/);
      expect(b).toContain(`Due today (1):\n• Case #${cases.three}, step 3 (`);
      expect(b).toContain("due Monday, 30 November 2026 07:50 WIB");
      expect(b).not.toContain("Overdue");
      expect(b).toMatch(/Everything waiting for you: \/kasus$/);

      // The listed steps are marked reminded at the summary's time; the audit trail says who was told.
      const runs = await app.db.prisma.stepRun.findMany({ where: { stepId: "s3a", case: { counsellorId: people.konselorA } } });
      expect(runs.map((r) => r.remindedAt?.toISOString())).toEqual([on(MONDAY, "07:30").toISOString(), on(MONDAY, "07:30").toISOString()]);
      expect(await app.db.prisma.auditEvent.count({ where: { type: "deadline_reminder" } })).toBe(3);
    });

    it("a second pass the same day, on either instance and at the same moment, sends nothing new", async () => {
      const before = await summaryRows();
      expect(await sendMorningSummaries(app, on(MONDAY, "09:00"))).toBe(0);
      expect(await passOnBoth(on(MONDAY, "11:00"))).toEqual([0, 0]);
      // A case opened after the office opened got its own task message: it adds no mid-day summary.
      cases.four = await caseUpToCounsellor({ counsellor: "konselorC", day: MONDAY, opened: "10:00", s1: "10:05", s2: "10:10" });
      expect(await sendMorningSummaries(second, on(MONDAY, "15:59"))).toBe(0);
      expect((await summaryRows()).map((r) => r.id)).toEqual(before.map((r) => r.id));
    });

    it("the next working day each holder gets one new summary, even when two instances race for it", async () => {
      const at = on(TUESDAY, "07:30");
      const sent = await passOnBoth(at);
      expect(sent[0]! + sent[1]!).toBe(3);
      const tuesday = (await summaryRows()).filter((r) => r.dedupeKey.includes(":2026-12-01:"));
      expect(tuesday.map((r) => r.personId).sort()).toEqual([people.konselorA, people.konselorB, people.konselorC].sort());
      const a = textOf(tuesday.find((r) => r.personId === people.konselorA)!);
      expect(a).toContain("Lewat batas waktu (2):");
      expect(a).not.toContain("Jatuh tempo hari ini");
      expect(textOf(tuesday.find((r) => r.personId === people.konselorC)!)).toContain(`Kasus #${cases.four}, langkah 3`);
      expect(await rowsFor("staf")).toHaveLength(0);
      expect(await rowsFor("kepala")).toHaveLength(0);
      expect(await rowsFor("client")).toHaveLength(0);
    });

    it("sends nothing on a holiday from the organisation's list; the next working day, one each", async () => {
      const calendar = ctx.organisation.calendar;
      const holiday = [...(calendar.holidays ?? [])]
        .sort()
        .map((d) => DateTime.fromISO(d, { zone: ZONE }))
        .find((d) => d > TUESDAY && d.weekday <= 5);
      expect(holiday, "a weekday holiday after the base in flows/organisations.yaml").toBeDefined();
      const before = (await summaryRows()).length;
      for (const time of ["07:30", "10:00"]) expect(await sendMorningSummaries(app, on(holiday!, time))).toBe(0);
      expect(await summaryRows()).toHaveLength(before);

      const next = nextOpening(holiday!.endOf("day").toJSDate(), calendar);
      expect(await sendMorningSummaries(app, next)).toBe(3);
      expect(await sendMorningSummaries(second, next)).toBe(0);
      const date = DateTime.fromJSDate(next, { zone: ZONE }).toISODate();
      expect((await summaryRows()).filter((r) => r.dedupeKey.includes(`:${date}:`))).toHaveLength(3);
    });
  });
