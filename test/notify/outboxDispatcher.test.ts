// The outbox dispatcher against the fake Bot API with Telegram's real limits: through a 429 storm and a run
// of 5xx answers everything is delivered, in order per chat, never faster than 1 message/s to one chat nor
// 30/s overall; a blocked user is recorded and not retried; a message that keeps failing is given up and reported.
import { Telegraf } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../src/channels/telegram/telegramSender.ts";
import { createLogger } from "../../src/logger.ts";
import { createOutboxDispatcher, MAX_LISTED_WAITING_CHATS } from "../../src/notify/outboxDispatcher.ts";
import { TELEGRAM_LIMITS } from "../../src/channels/telegram/telegramLimits.ts";
import { textMessage } from "../../src/notify/outboundMessage.ts";
import { databaseFileStore } from "../../src/store/databaseFileStore.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { queueMessage } from "../../src/store/outbox/index.ts";
import { fakeErrors, startFakeBotApi, type FakeBotApi } from "../fakes/telegramBotApi.ts";
import { freshDatabase } from "../support/databases.ts";
import { waitFor } from "../support/waitFor.ts";

describe("outbox dispatcher with Telegram's limits", () => {
  let fake: FakeBotApi;
  let db: Database;
  beforeAll(async () => {
    fake = await startFakeBotApi({ token: "123456789:AAH-fake-token-for-tests_0123456789" });
    db = await openDatabase(await freshDatabase("sqlite"));
  });
  afterAll(async () => {
    await db?.close();
    await fake?.close();
  });

  const start = (extra: Partial<Parameters<typeof createOutboxDispatcher>[0]> = {}) => {
    const sender = createTelegramSender(new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }).telegram, { fileStore: databaseFileStore(db.prisma) });
    const d = createOutboxDispatcher({
      prisma: db.prisma,
      senders: [sender],
      log: createLogger("silent"),
      baseBackoffMs: 100,
      maxBackoffMs: 400,
      pollMs: 50,
      ...extra,
    });
    d.start();
    return d;
  };
  const queue = (address: string, text: string) =>
    db.prisma.$transaction((tx) => queueMessage(tx, { channel: "telegram", address, message: textMessage(text) }));

  it("delivers everything through 429s and 5xx, in order per chat, within 1/s per chat and 30/s overall", async () => {
    fake.reset();
    const busyChats = [101, 102, 103, 104, 105];
    const oneOff = Array.from({ length: 55 }, (_, i) => 200 + i);
    for (const chat of [...busyChats, ...oneOff]) fake.userSends({ id: chat, first_name: "x" }, "hi");
    for (let n = 1; n <= 4; n++) for (const chat of busyChats) await queue(String(chat), `pesan ${n}`);
    for (const chat of oneOff) await queue(String(chat), "pesan 1");
    fake.failNext("sendMessage", fakeErrors.tooManyRequests(1), 6);
    fake.failNext("sendMessage", fakeErrors.badGateway(), 4);
    const dispatcher = start();
    const expected = busyChats.length * 4 + oneOff.length;
    await waitFor("every message delivered", () => fake.callsOf("sendMessage").filter((c) => !c.failed).length >= expected);
    await dispatcher.stop();

    const ok = fake.callsOf("sendMessage").filter((c) => !c.failed);
    expect(ok).toHaveLength(expected);
    for (const chat of busyChats) {
      const sent = ok.filter((c) => String(c.params.chat_id) === String(chat));
      expect(sent.map((c) => c.params.text)).toEqual(["pesan 1", "pesan 2", "pesan 3", "pesan 4"]);
      for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.perChatIntervalMs - 2);
    }
    const times = ok.map((c) => c.at).sort((a, b) => a - b);
    let maxInSecond = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      maxInSecond = Math.max(maxInSecond, i - j + 1);
    }
    expect(maxInSecond).toBeLessThanOrEqual(TELEGRAM_LIMITS.globalPerSecond);
    // After a 429 nothing went out before retry_after had passed.
    const storm = fake.callsOf("sendMessage").find((c) => c.failed && c.error?.error_code === 429)!;
    expect(ok.every((c) => c.at <= storm.at || c.at >= storm.at + 1000 - 20)).toBe(true);
    expect(await db.prisma.outbox.count({ where: { status: { not: "sent" } } })).toBe(0);
  }, 60_000);

  it("stops after the message in flight, leaving a chat's queue pending for the next start, which sends it in order", async () => {
    fake.reset();
    fake.userSends({ id: 401, first_name: "d" }, "hi");
    for (let n = 1; n <= 8; n++) await queue("401", `antre ${n}`);
    const sentTo401 = () => fake.callsOf("sendMessage").filter((c) => !c.failed && String(c.params.chat_id) === "401");
    const first = start();
    await waitFor("the first message out", () => sentTo401().length >= 1);
    await first.stop();
    const afterStop = sentTo401().length;
    expect(afterStop).toBeLessThan(8);
    expect(await db.prisma.outbox.count({ where: { address: "401", status: "pending" } })).toBe(8 - afterStop);
    const second = start();
    await waitFor("the rest delivered", () => sentTo401().length === 8);
    await second.stop();
    expect(sentTo401().map((c) => c.params.text)).toEqual(Array.from({ length: 8 }, (_, i) => `antre ${i + 1}`));
  }, 30_000);

  it("sends a message whose attachment was erased without it, saying so, at once; the chat's next message follows", async () => {
    fake.reset();
    fake.userSends({ id: 501, first_name: "e" }, "hi");
    await db.prisma.$transaction((tx) =>
      queueMessage(tx, {
        channel: "telegram",
        address: "501",
        message: textMessage("Laporan terlampir.", { attachments: [{ kind: "document", ref: "file:sudah-dihapus", name: "laporan.pdf" }] }),
      }),
    );
    await queue("501", "pesan berikutnya");
    const dispatcher = start();
    const to501 = () => fake.callsOf("sendMessage").filter((c) => !c.failed && String(c.params.chat_id) === "501");
    await waitFor("both messages out", () => to501().length === 2, 10_000);
    await dispatcher.stop();
    expect(to501().map((c) => c.params.text)).toEqual([
      "Laporan terlampir.\n\n(1 lampiran tidak lagi tersedia, misalnya karena datanya sudah dihapus.)",
      "pesan berikutnya",
    ]);
    expect(fake.callsOf("sendDocument")).toHaveLength(0);
    const rows = await db.prisma.outbox.findMany({ where: { address: "501" } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
  }, 20_000);

  it("records a user who blocked the bot and gives up a message that keeps failing, reporting it", async () => {
    fake.reset();
    fake.userSends({ id: 301, first_name: "b" }, "hi");
    fake.userSends({ id: 302, first_name: "c" }, "hi");
    const person = await db.prisma.person.create({ data: { kind: "client" } });
    await db.prisma.channelIdentity.create({ data: { personId: person.id, channel: "telegram", address: "301" } });
    fake.failNext("sendMessage", fakeErrors.blockedByUser(), 1);
    await queue("301", "untuk yang memblokir");
    const dead: string[] = [];
    fake.handle("sendMessage", (params) => {
      if (String(params.chat_id) === "302") throw new (class extends Error {})("boom");
      return undefined as never;
    });
    await queue("302", "selalu gagal");
    const dispatcher = start({ maxAttempts: 3, onDead: (row) => dead.push(row.id) });
    await waitFor("both rows settled", async () => (await db.prisma.outbox.count({ where: { status: "dead" } })) === 2);
    await dispatcher.stop();
    const identity = await db.prisma.channelIdentity.findFirstOrThrow({ where: { address: "301" } });
    expect(identity.blockedAt).not.toBeNull();
    expect(fake.callsOf("sendMessage").filter((c) => String(c.params.chat_id) === "301")).toHaveLength(1);
    const failing = await db.prisma.outbox.findFirstOrThrow({ where: { address: "302" } });
    expect(failing.attempts).toBe(3);
    expect(dead).toEqual([failing.id]);
  }, 30_000);

  it("after a crash, chats left claimed wait for the claim timeout but do not hold up any other chat", async () => {
    fake.reset();
    // 60 chats whose first message a crashed instance claimed, each with 10 more behind it: 660 rows older
    // than the new chat's one message, more than one pass reads.
    const stuck = Array.from({ length: 60 }, (_, i) => String(7000 + i));
    for (const chat of stuck) {
      for (let n = 0; n <= 10; n++) await queue(chat, `lama ${n}`);
      const first = await db.prisma.outbox.findFirstOrThrow({ where: { address: chat }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      await db.prisma.outbox.update({ where: { id: first.id }, data: { status: "sending", claimedBy: "crashed-1", claimedAt: new Date() } });
    }
    fake.userSends({ id: 7600, first_name: "n" }, "hi");
    await queue("7600", "baru");
    const dispatcher = start({ claimTimeoutMs: 60_000 });
    await waitFor("the new chat's message out", () => fake.callsOf("sendMessage").some((c) => String(c.params.chat_id) === "7600"), 5_000);
    await dispatcher.stop();
    expect(fake.callsOf("sendMessage").filter((c) => stuck.includes(String(c.params.chat_id)))).toHaveLength(0);
    expect(await db.prisma.outbox.count({ where: { address: { in: stuck }, status: "pending" } })).toBe(600);
    await db.prisma.outbox.deleteMany({ where: { address: { in: stuck } } });
  }, 30_000);

  for (const threshold of [MAX_LISTED_WAITING_CHATS, 100]) {
    it(`with ${threshold === 100 ? "more chats in backoff than a query names (paging)" : "as many chats in backoff as a query names"} (a platform outage), a chat that is due still gets its message`, async () => {
      fake.reset();
      // The real threshold once (so a query naming that many chats must be one the database accepts), and a
      // lowered one so the paging runs through more than one 2,000-row page.
      const many = threshold === 100 ? 2_600 : threshold;
      const later = new Date(Date.now() + 3_600_000);
      const rows = Array.from({ length: many }, (_, i) => [
        { dedupeKey: `outage-${i}-a`, channel: "telegram", address: String(100_000 + i), payloadJson: "{}", nextAttemptAt: later, attempts: 1 },
        { dedupeKey: `outage-${i}-b`, channel: "telegram", address: String(100_000 + i), payloadJson: "{}" },
      ]).flat();
      await db.prisma.outbox.createMany({ data: rows });
      fake.userSends({ id: 7700, first_name: "o" }, "hi");
      await queue("7700", `tetap terkirim ${threshold}`);
      const dispatcher = start({ maxListedWaitingChats: threshold });
      await waitFor("the due chat's message out", () => fake.callsOf("sendMessage").some((c) => c.params.text === `tetap terkirim ${threshold}`), 10_000);
      await dispatcher.stop();
      expect(fake.callsOf("sendMessage").filter((c) => Number(c.params.chat_id) >= 100_000)).toHaveLength(0);
      await db.prisma.outbox.deleteMany({ where: { dedupeKey: { startsWith: "outage-" } } });
    }, 60_000);
  }
});
