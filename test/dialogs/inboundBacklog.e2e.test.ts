// No client message is dropped (src/dialogs/inboundBacklog.ts), through the fake Bot API: a chat over its pace is
// slowed, its messages kept and handled later in order; an over-long message reaches the counsellor whole; a message
// whose handling fails is retried, and after its last attempt kept as a dead letter that /healthz, the dashboard and
// an admin alert show; only far beyond any person's pace (the flood bound) are new messages cut, with the sender told,
// the admins alerted and everything up to the bound kept — and a crisis phrase still raises its alert.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INBOUND_CHARS } from "../../src/dialogs/handleInbound.ts";
import { lookupHash } from "../../src/privacy/index.ts";
import { issueLoginToken } from "../../src/store/webLogins.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { loginFromLink } from "../support/dashboardLogin.ts";
import { healthDetails } from "../support/health.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { restartTelegramWorld, type RestartedService } from "../support/restartTelegramWorld.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const admin: FakeUser = { id: 7600, first_name: "Admin" };
/** Telegram's limits lifted (test/notify covers them), retries a tenth of a second apart: what these walks need. */
const fastService = { dispatcher: { baseBackoffMs: 50, pollMs: 50, limits: { telegram: { perChatIntervalMs: 0, globalPerSecond: 10_000 } } } };

/** A SQLite trigger that makes saving a chat's dialog fail, as a busy database or a bug would. */
/** Makes every dialog write of the chat fail (its address is stored as its keyed hash, src/store/chatAddresses.ts). */
const failDialogsOf = (r: RestartedService, address: string) =>
  r.app.db.raw.$executeRawUnsafe(
    `CREATE TRIGGER fail_dialog_${address} BEFORE INSERT ON "DialogState" WHEN NEW."address" = '${lookupHash(r.app.keys.hashKey, "chat", address)}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
  );
const healDialogsOf = (r: RestartedService, address: string) => r.app.db.raw.$executeRawUnsafe(`DROP TRIGGER fail_dialog_${address}`);

describe("inbound messages kept and handled later", () => {
  const counsellor: FakeUser = { id: 7601, first_name: "Sari" };
  const kepala: FakeUser = { id: 7602, first_name: "Kepala" };
  const client: FakeUser = { id: 7603, first_name: "Dewi" };
  let w: TelegramWorld;
  let r: RestartedService;
  let kepalaId: string;
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { ADMIN_CONTACTS: `telegram:${admin.id}` } });
    await w.linkStaff(counsellor, { roles: ["konselor"], name: "Sari" });
    kepalaId = await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.registerPraja(client);
    r = await restartTelegramWorld(w, {
      // Two at once, then one each 400 ms: slower than a burst is handled, however busy the machine.
      env: { INBOUND_BURST: "2", INBOUND_PER_MINUTE: "150" },
      service: { ...fastService, inbound: { baseBackoffMs: 100, maxAttempts: 4, pollMs: 50 } },
    });
  }, 60_000);
  afterAll(async () => {
    await r?.stop();
    await w?.close();
  });

  const sentTo = (user: FakeUser, after: number) =>
    w.fake
      .sentTo(user.id)
      .slice(after)
      .map((m) => m.text ?? "");
  /** Whether each of `texts` appears in `all`, each after the one before it. */
  const inOrder = (all: string, texts: string[]) => {
    let at = -1;
    for (const text of texts) {
      at = all.indexOf(text, at + 1);
      if (at < 0) return false;
    }
    return true;
  };

  it("a chat over its pace is slowed, not refused: every message is handled, in order, the sender told once", async () => {
    const before = { counsellor: w.count(counsellor), client: w.count(client) };
    const texts = Array.from({ length: 20 }, (_, i) => `cepat ${i + 1} selesai`);
    for (const text of texts) w.fake.userSends(client, text);
    // Another chat is answered meanwhile.
    await w.say({ id: 7604, first_name: "Tenang" }, "/start", /Apakah Anda setuju/);

    await waitFor("all 20 relayed to the counsellor", () => texts.every((t) => sentTo(counsellor, before.counsellor).join("\n").includes(t)), 20_000);
    expect(inOrder(sentTo(counsellor, before.counsellor).join("\n\n"), texts)).toBe(true);
    await waitForOutboxSettled(r.app.db.prisma, { address: String(client.id) });
    expect(sentTo(client, before.client).filter((t) => /kami proses berurutan/.test(t))).toHaveLength(1);
    expect(await r.app.db.prisma.auditEvent.count({ where: { type: "inbound_kept" } })).toBeGreaterThan(0);
    expect(await r.app.db.prisma.auditEvent.count({ where: { type: { in: ["inbound_flood", "inbound_flood_cut"] } } })).toBe(0);
    expect(await r.app.db.prisma.inboundQueue.count()).toBe(0);
  }, 30_000);

  it("an over-long message is kept whole: the counsellor receives every word of it, in order", async () => {
    const words = Array.from({ length: 2300 }, (_, i) => `kata${String(i).padStart(5, "0")}`);
    const text = words.join(" ");
    expect(text.length).toBeGreaterThan(2 * MAX_INBOUND_CHARS);
    const before = { counsellor: w.count(counsellor), client: w.count(client) };
    w.fake.userSends(client, text);
    await waitFor("the last word at the counsellor", () => sentTo(counsellor, before.counsellor).join("\n").includes(words.at(-1)!), 20_000);
    expect(inOrder(sentTo(counsellor, before.counsellor).join("\n"), words)).toBe(true);
    expect(sentTo(client, before.client).some((t) => /terlalu panjang/.test(t))).toBe(false);
  }, 30_000);

  it("a message whose handling fails is kept and tried again; once it can be, it is handled", async () => {
    const newcomer: FakeUser = { id: 7611, first_name: "Ari" };
    await failDialogsOf(r, String(newcomer.id));
    w.fake.userSends(newcomer, "/start");
    await waitFor(
      "kept after its first failure",
      async () => (await r.app.db.prisma.inboundQueue.count({ where: { address: String(newcomer.id), attempts: { gte: 1 } } })) === 1,
    );
    await healDialogsOf(r, String(newcomer.id));
    await w.waitForMessage(newcomer, /Apakah Anda setuju/);
    expect(await r.app.db.prisma.inboundQueue.count({ where: { address: String(newcomer.id) } })).toBe(0);
  });

  it("a message that keeps failing becomes a dead letter: kept whole, alerted, on /healthz and the dashboard", async () => {
    const stuck: FakeUser = { id: 7612, first_name: "Bayu" };
    await failDialogsOf(r, String(stuck.id));
    w.fake.userSends(stuck, "tolong, saya butuh bicara dengan konselor");
    const alert = await w.waitForMessage(admin, /could not be handled after 4 attempts/);
    const dead = await r.app.db.prisma.inboundQueue.findFirstOrThrow({ where: { address: String(stuck.id) } });
    expect(dead).toMatchObject({ status: "dead", attempts: 4, reason: "failed" });
    expect(alert.text).toContain(dead.id);
    expect(alert.text).not.toContain(String(stuck.id));
    // Kept whole, and encrypted at rest.
    expect(dead.messageJson).toContain("tolong, saya butuh bicara dengan konselor");
    expect((await r.app.db.raw.inboundQueue.findUniqueOrThrow({ where: { id: dead.id } })).messageJson).not.toContain("tolong");

    const base = `http://127.0.0.1:${r.service.port}`;
    const health = await healthDetails<{ inbound: { deadLetters: number; ok: boolean; byChannel: { channel: string; deadLetters: number }[] } }>(
      `${base}/healthz`,
    );
    expect(health.status).toBe(200);
    expect(health.body.inbound).toMatchObject({ deadLetters: 1, ok: false, byChannel: [{ channel: "telegram", deadLetters: 1 }] });

    const token = await issueLoginToken(r.app.db.prisma, { personId: kepalaId, now: new Date(), ttlMinutes: 15 });
    const login = await loginFromLink(`${base}/dasbor/masuk/${token}`);
    const cookie = /^(pintu_dasbor=[^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
    const home = await (await fetch(`${base}/dasbor`, { headers: { cookie } })).text();
    expect(home).toContain("Pesan masuk yang gagal diproses");
    expect(home).toContain(dead.id);
    expect(home).not.toContain("tolong");

    // It holds nothing up: once the database accepts the chat again, its next message is handled.
    await healDialogsOf(r, String(stuck.id));
    await w.say(stuck, "/start", /Apakah Anda setuju/);
  }, 30_000);
});

describe("the flood bound", () => {
  const counsellor: FakeUser = { id: 7621, first_name: "Sari" };
  const client: FakeUser = { id: 7623, first_name: "Wati" };
  const BOUND = 12;
  let w: TelegramWorld;
  let r: RestartedService;
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { ADMIN_CONTACTS: `telegram:${admin.id}` } });
    await w.linkStaff(counsellor, { roles: ["konselor"], name: "Sari" });
    await w.registerPraja(client);
    // One message at once, then one a minute: the rest of the burst waits for the whole test.
    r = await restartTelegramWorld(w, { env: { INBOUND_BURST: "1", INBOUND_PER_MINUTE: "1" }, service: { ...fastService, inbound: { floodBound: BOUND } } });
  }, 60_000);
  afterAll(async () => {
    await r?.stop();
    await w?.close();
  });

  it("cuts what comes beyond it: the sender told once, the admins alerted once, everything up to it kept; a crisis phrase still alerts", async () => {
    const before = { counsellor: w.count(counsellor), client: w.count(client), admin: w.count(admin) };
    const texts = Array.from({ length: 20 }, (_, i) => `banjir ${i + 1} pesan`);
    for (const text of texts) w.fake.userSends(client, text);
    w.fake.userSends(client, "sudah tidak kuat, saya ingin mati");
    // The first is handled at once, the next BOUND kept, the 7 after them cut; the crisis message is kept and alerts.
    await w.waitForMessage(counsellor, /PERINGATAN KRISIS/, { after: before.counsellor });
    await w.waitForMessage(client, /SEJIWA 119/, { after: before.client });
    await waitFor("every update seen", async () => (await r.app.db.prisma.auditEvent.count({ where: { type: "inbound_flood_cut" } })) === 7);
    await waitForOutboxSettled(r.app.db.prisma);

    const kept = await r.app.db.prisma.inboundQueue.findMany({ where: { address: String(client.id) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(kept.map((row) => (JSON.parse(row.messageJson) as { text: string }).text)).toEqual([
      ...texts.slice(1, 1 + BOUND),
      "sudah tidak kuat, saya ingin mati",
    ]);
    expect(kept.every((row) => row.status === "waiting")).toBe(true);
    const toClient = w.fake
      .sentTo(client.id)
      .slice(before.client)
      .map((m) => m.text ?? "");
    expect(toClient.filter((t) => t.includes(`Lebih dari ${BOUND} pesan Anda masih menunggu`))).toHaveLength(1);
    const toAdmin = w.fake
      .sentTo(admin.id)
      .slice(before.admin)
      .map((m) => m.text ?? "");
    expect(toAdmin.filter((t) => /flood bound/.test(t))).toHaveLength(1);
    expect(toAdmin.join("\n")).not.toContain(String(client.id));
    const toCounsellor = w.fake
      .sentTo(counsellor.id)
      .slice(before.counsellor)
      .map((m) => m.text ?? "");
    expect(toCounsellor.filter((t) => t.includes("banjir 1 pesan"))).toHaveLength(1);
    expect(toCounsellor.some((t) => t.includes("banjir 2 pesan"))).toBe(false); // waits its turn, kept
  }, 30_000);
});
