// Erasure on request (confirmed by the head of the unit), retention of closed cases, and key rotation:
// personal data gone from every table while the recap's totals stay the same; values under an old key
// readable during and after a rotation, new writes under the new key.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseAuthState } from "../../src/channels/whatsapp/databaseAuthState.ts";
import { rotateKeys } from "../../src/cli/keyCommands.ts";
import { keyIdOf } from "../../src/privacy/index.ts";
import { stepRecap } from "../../src/store/recapQueries.ts";
import { runRetention } from "../../src/store/retention.ts";
import { issueLoginToken, peekLoginToken, startWebSession } from "../../src/store/webLogins.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const key = () => randomBytes(32).toString("base64");
const K1 = key();
const K2 = key();
const HASH = key();

describe("erasure, retention and key rotation", () => {
  let w: TelegramWorld;
  const praja: FakeUser = { id: 9951, first_name: "Sinta" };
  const other: FakeUser = { id: 9952, first_name: "Lain" };
  const konselor: FakeUser = { id: 9953, first_name: "K" };
  const kepala: FakeUser = { id: 9954, first_name: "H" };
  const staf: FakeUser = { id: 9955, first_name: "S" };
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { ENCRYPTION_KEYS: `k1:${K1}`, ENCRYPTION_ACTIVE_KEY: "k1", HASH_KEY: HASH } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Konselor" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Staf" });
    await w.registerPraja(praja, { keluhan: ["Rahasia Sinta: cemas menjelang ujian."] });
    await w.registerPraja(other, { keluhan: ["Keluhan klien lain."] });
    await w.press(staf, "Selesai");
    await w.waitForMessage(konselor, /Langkah 3/);
    const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    w.fake.userReplies(konselor, card.message_id, "Sinta, kita bicara besok.");
    await w.waitForMessage(praja, /kita bicara besok/);
  }, 60_000);
  afterAll(async () => w?.close());

  const recap = async () =>
    (await stepRecap(w.app.db.prisma, { orgId: "ipdn", now: new Date("2030-01-01") })).map(({ flowId, stepId, done, late, medianMin }) => ({
      flowId,
      stepId,
      done,
      late,
      medianMin,
    }));

  it("rotates keys: old values readable before, during and after; new writes under the new key", async () => {
    const before = await w.app.db.raw.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(keyIdOf(before.intakeJson)).toBe("k1");
    // A WhatsApp session saved under k1 (its own table, written outside the query extension).
    const session = () => databaseAuthState({ prisma: w.app.db.prisma, keyring: w.app.keys.keyring, hashKey: w.app.keys.hashKey });
    await (await session().load()).saveCreds();
    await session().save("sent-1", { conversation: "Jadwal sesi Anda." });
    w.env.ENCRYPTION_KEYS = `k1:${K1},k2:${K2}`;
    w.env.ENCRYPTION_ACTIVE_KEY = "k2";
    await w.restart();
    // Still readable through the product, and a new write goes under k2.
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } })).intakeJson).toContain("Rahasia Sinta");
    const n = w.count(konselor);
    w.fake.userSends(praja, "Pesan setelah kunci baru.");
    await w.waitForMessage(konselor, /Pesan setelah kunci baru/, { after: n });
    const fresh = await w.app.db.raw.message.findFirstOrThrow({ where: { direction: "in" }, orderBy: { createdAt: "desc" } });
    expect(keyIdOf(fresh.text!)).toBe("k2");
    // Rotate while reading in a loop.
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        for (const c of await w.app.db.prisma.case.findMany()) expect(c.intakeJson).toMatch(/^\{/);
        reads++;
        await new Promise((r) => setImmediate(r)); // a real reader waits on I/O; let the rotation's timers run
      }
    })();
    const out = await rotateKeys(w.app);
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(out).toMatch(/Done: every value is under the active key/);
    for (const c of await w.app.db.raw.case.findMany()) expect(keyIdOf(c.intakeJson)).toBe("k2");
    for (const m of await w.app.db.raw.message.findMany({ where: { text: { not: null } } })) expect(keyIdOf(m.text!)).toBe("k2");
    const sessionRows = await w.app.db.raw.whatsAppAuthKey.findMany();
    expect(sessionRows.length).toBeGreaterThanOrEqual(2);
    for (const r of sessionRows) expect(keyIdOf(r.value)).toBe("k2");
    // k1 can go now.
    w.env.ENCRYPTION_KEYS = `k2:${K2}`;
    w.env.ENCRYPTION_ACTIVE_KEY = "k2";
    await w.restart();
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } })).intakeJson).toContain("Rahasia Sinta");
    // The WhatsApp session still opens without k1: no need to link the number again.
    expect(await session().hasSession()).toBe(true);
    expect(await session().find("sent-1")).toMatchObject({ conversation: "Jadwal sesi Anda." });
  }, 60_000);

  it("erases a client on request once the head of the unit confirms; the recap is unchanged", async () => {
    const recapBefore = await recap();
    const clientId = (await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } })).clientId;
    await w.say(praja, "/hapus", /Permintaan penghapusan data Anda telah dicatat/);
    const ask = await w.waitForMessage(kepala, /Permintaan penghapusan data/);
    // Only the head of the unit may confirm: the counsellor pressing the same button is refused.
    w.fake.userPressesUnchecked(konselor, { id: "not-head", data: buttonsOf(ask)[0]!.data, message: ask.message });
    await w.waitForMessage(konselor, /Bukan wewenang Anda/);
    expect((await w.app.db.prisma.person.findUniqueOrThrow({ where: { id: clientId } })).erasedAt).toBeNull();

    await w.tap(kepala, "Konfirmasi penghapusan", /Data klien telah dihapus/);
    await w.waitForMessage(praja, /Data pribadi Anda telah dihapus/);

    const p = w.app.db.prisma;
    const person = await p.person.findUniqueOrThrow({ where: { id: clientId } });
    expect(person).toMatchObject({ displayName: null, nppHash: null, phoneHash: null });
    expect(person.erasedAt).not.toBeNull();
    expect(await p.channelIdentity.count({ where: { personId: clientId } })).toBe(0);
    expect(await p.channelContact.count({ where: { address: String(praja.id) } })).toBe(0);
    expect(await p.dialogState.count({ where: { address: String(praja.id) } })).toBe(0);
    const c = await p.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(c.status).toBe("cancelled");
    expect(JSON.parse(c.intakeJson)).toEqual({ kind: "praja" });
    expect(await p.message.count({ where: { caseId: c.id, text: { not: null } } })).toBe(0);
    expect(await p.stepRun.count({ where: { caseId: c.id, note: { not: null } } })).toBe(0);
    expect(await p.document.count({ where: { caseId: c.id, content: { not: null } } })).toBe(0);
    // Nothing readable about her is left anywhere the product stores messages.
    const everything = JSON.stringify([
      await p.outbox.findMany(),
      await p.message.findMany(),
      await p.case.findMany({ where: { id: c.id } }),
      await p.dialogState.findMany(),
    ]);
    for (const s of ["Rahasia Sinta", "Sinta Praja", "kita bicara besok", "Pesan setelah kunci baru", "31.9951"]) expect(everything).not.toContain(s);
    // The other client's case is untouched; the recap's totals are the same.
    expect((await p.case.findUniqueOrThrow({ where: { number: 2 } })).intakeJson).toContain("Keluhan klien lain");
    expect(await recap()).toEqual(recapBefore);
  }, 60_000);

  it("retention anonymises closed cases past the period and erases clients left with nothing; the audit trail stays", async () => {
    const p = w.app.db.prisma;
    const c2 = await p.case.findUniqueOrThrow({ where: { number: 2 } });
    await p.case.update({ where: { id: c2.id }, data: { status: "archived", closedAt: new Date("2020-01-01") } });
    const recapBefore = await recap();
    const auditBefore = await p.auditEvent.count();
    const someone = (await p.person.findFirstOrThrow({ where: { kind: "staff" } })).id;
    const live = await issueLoginToken(p, { personId: someone, now: new Date(), ttlMinutes: 15 });
    await issueLoginToken(p, { personId: someone, now: new Date("2020-01-01"), ttlMinutes: 15 });
    await startWebSession(p, { personId: someone, now: new Date("2020-01-01"), ttlMinutes: 60 });
    const report = await runRetention(p, { now: new Date(), days: w.app.config.retentionDays });
    expect(report).toMatchObject({ cases: 1, clients: 1, expiredLogins: 2 });
    expect(await p.loginToken.count()).toBe(1);
    expect(await p.webSession.count()).toBe(0);
    expect(await peekLoginToken(p, { token: live, now: new Date() })).toBe(someone);
    expect(JSON.parse((await p.case.findUniqueOrThrow({ where: { id: c2.id } })).intakeJson)).toEqual({ kind: "praja" });
    expect((await p.person.findUniqueOrThrow({ where: { id: c2.clientId } })).erasedAt).not.toBeNull();
    expect(await recap()).toEqual(recapBefore);
    expect(await p.auditEvent.count()).toBeGreaterThan(auditBefore);
    expect(await runRetention(p, { now: new Date(), days: w.app.config.retentionDays })).toMatchObject({ cases: 0, clients: 0, expiredLogins: 0 });
  });
});
