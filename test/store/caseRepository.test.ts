// The same repository tests on SQLite and (when available) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { DB_KINDS, canTest, freshDatabase } from "../support/databases.ts";
import { miniFlow, miniOrg, seedMiniUnit } from "../support/miniFlow.ts";

const ctx = { flow: miniFlow, organisation: miniOrg };
const monday0800 = new Date("2026-11-30T08:00:00+07:00");

describe.each(DB_KINDS)("repository on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let db: Database;
  let people: Awaited<ReturnType<typeof seedMiniUnit>>;

  beforeAll(async () => {
    db = await openDatabase(await freshDatabase(kind));
    people = await seedMiniUnit(db.prisma);
  });
  afterAll(async () => db?.close());

  const snapshotOf = async (caseId: string) => ({
    case: await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } }),
    runs: await db.prisma.stepRun.findMany({ where: { caseId }, orderBy: { askedAt: "asc" } }),
    audit: await db.prisma.auditEvent.count({ where: { caseId } }),
    outbox: await db.prisma.outbox.count({ where: { caseId } }),
  });

  it("opens a case with its first step run, deadline, audit and the counsellor's notification together", async () => {
    const c = await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at: monday0800 });
    const s = await snapshotOf(c.id);
    expect(s.case.currentStepId).toBe("s1");
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]!.deadlineAt.toISOString()).toBe(new Date("2026-11-30T08:30:00+07:00").toISOString());
    const rows = await db.prisma.outbox.findMany({ where: { caseId: c.id } });
    // The mini flow's first step is no milestone for the client (no tell_client): only the counsellor is told.
    expect(rows.map((r) => r.address).sort()).toEqual(["tg-konselor"]);
    const toCounsellor = JSON.parse(rows.find((r) => r.address === "tg-konselor")!.payloadJson);
    expect(toCounsellor.text).toContain(`Kasus #${c.number}`);
    expect(toCounsellor.buttons.map((b: { label: string }) => b.label)).toEqual(["Selesai"]);
  });

  it("moves along approve and revise, refusing the wrong role and stale steps without changing anything", async () => {
    const c = await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at: monday0800 });
    const counsellor = { personId: people.konselor, roles: ["konselor"] };
    const head = { personId: people.kepala, roles: ["kepala_unit"] };
    expect((await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s1", outcome: "done", actor: counsellor, at: monday0800 })).ok).toBe(true);

    const before = await snapshotOf(c.id);
    const wrong = await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s2", outcome: "approve", actor: counsellor, at: monday0800 });
    expect(wrong).toEqual({ ok: false, refusal: { reason: "wrong_role", needed: "kepala_unit" } });
    const stale = await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s1", outcome: "done", actor: counsellor, at: monday0800 });
    expect(stale).toEqual({ ok: false, refusal: { reason: "stale_step", currentStepId: "s2" } });
    const after = await snapshotOf(c.id);
    expect(after.case).toEqual(before.case);
    expect(after.runs).toEqual(before.runs);
    expect(after.outbox).toBe(before.outbox);
    expect(after.audit).toBe(before.audit + 2); // refusals are audited

    await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s2", outcome: "revise", note: "lengkapi", actor: head, at: monday0800 });
    expect((await snapshotOf(c.id)).case.currentStepId).toBe("s1");
    await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s1", outcome: "done", actor: counsellor, at: monday0800 });
    await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s2", outcome: "approve", actor: head, at: monday0800 });
    await applyCaseEvent(db.prisma, ctx, c.id, {
      type: "step_done",
      stepId: "s3",
      outcome: "done",
      actor: { personId: people.staf, roles: ["staf"] },
      at: monday0800,
    });
    const done = await snapshotOf(c.id);
    expect(done.case.status).toBe("archived");
    expect(done.runs.map((r) => `${r.stepId}:${r.outcome}`)).toEqual(["s1:done", "s2:revise", "s1:done", "s2:approve", "s3:done"]);
    expect(done.runs.every((r) => r.late === false)).toBe(true);
  });

  it("atomicity: an event whose outbox write fails leaves case, step runs, audit and outbox unchanged", async () => {
    const c = await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at: monday0800 });
    const before = await snapshotOf(c.id);
    // Occupy the outbox key the next event will use for the Kepala Unit's notification, so that insert fails.
    const headIdentity = await db.prisma.channelIdentity.findFirstOrThrow({ where: { personId: people.kepala } });
    const nextVersion = before.case.version + 1;
    const keys = Array.from({ length: 8 }, (_, i) => `${c.id}:v${nextVersion}:${i}:kepala_unit:${headIdentity.id}`);
    for (const dedupeKey of keys) {
      await db.prisma.outbox.create({ data: { dedupeKey, channel: "x", address: "x", payloadJson: "{}" } });
    }
    await expect(
      applyCaseEvent(db.prisma, ctx, c.id, {
        type: "step_done",
        stepId: "s1",
        outcome: "done",
        actor: { personId: people.konselor, roles: ["konselor"] },
        at: monday0800,
      }),
    ).rejects.toThrow();
    const after = await snapshotOf(c.id);
    expect(after).toEqual(before);
  });

  it("escalates an overdue step once, to the next role up", async () => {
    const c = await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at: monday0800 });
    const late = new Date("2026-11-30T09:00:00+07:00");
    const first = await applyCaseEvent(db.prisma, ctx, c.id, { type: "deadline_passed", stepId: "s1", at: late });
    expect(first.ok).toBe(true);
    const escalation = await db.prisma.outbox.findMany({ where: { caseId: c.id, address: "tg-kepala" } });
    expect(escalation).toHaveLength(1);
    expect(JSON.parse(escalation[0]!.payloadJson).text).toMatch(/melewati batas waktu/);
    const run = await db.prisma.stepRun.findFirstOrThrow({ where: { caseId: c.id, stepId: "s1" } });
    expect(run.escalatedAt).not.toBeNull();
  });

  describe("invite codes", () => {
    const now = new Date("2026-11-25T08:00:00Z");
    it("link a chat account once; a second use is refused", async () => {
      const invite = await issueInvite(db.prisma, { orgId: "unit", role: "konselor", name: "Bu Sari", ttlHours: 24, now });
      expect(invite.code).toMatch(/^[A-Z2-9]{10}$/);
      const ok = await redeemInvite(db.prisma, { code: invite.code.toLowerCase(), channel: "telegram", address: "777", now });
      expect(ok).toEqual({ ok: true, personId: invite.personId, orgId: "unit", role: "konselor" });
      const identity = await db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: "telegram", address: "777" } } });
      expect(identity.personId).toBe(invite.personId);
      expect(await redeemInvite(db.prisma, { code: invite.code, channel: "telegram", address: "888", now })).toEqual({ ok: false });
      expect(await db.prisma.channelIdentity.count({ where: { address: "888" } })).toBe(0);
    });

    it("expire", async () => {
      const invite = await issueInvite(db.prisma, { orgId: "unit", role: "staf", name: "Pak Budi", ttlHours: 1, now });
      const later = new Date(now.getTime() + 3600_000);
      expect(await redeemInvite(db.prisma, { code: invite.code, channel: "telegram", address: "901", now: later })).toEqual({ ok: false });
    });

    it("are refused for another organisation's bot, and wrong codes are refused the same way", async () => {
      const invite = await issueInvite(db.prisma, { orgId: "unit", role: "staf", name: "Pak Andi", ttlHours: 1, now });
      expect(await redeemInvite(db.prisma, { code: invite.code, channel: "telegram", address: "902", now, orgId: "puspaga" })).toEqual({ ok: false });
      expect(await redeemInvite(db.prisma, { code: "WRONGCODE1", channel: "telegram", address: "903", now })).toEqual({ ok: false });
      // still usable by the right organisation
      expect((await redeemInvite(db.prisma, { code: invite.code, channel: "telegram", address: "902", now, orgId: "unit" })).ok).toBe(true);
      const reasons = (await db.prisma.auditEvent.findMany({ where: { type: "invite_refused" } })).map((a) => JSON.parse(a.dataJson).why);
      expect(reasons).toEqual(expect.arrayContaining(["other_organisation", "unknown"]));
    });
  });
});
