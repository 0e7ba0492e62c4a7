// Webhook mode: the product registers its webhook with the secret token, Telegram's deliveries (from the
// fake Bot API, over real HTTP to our server) are handled, and requests without the secret are refused. An update
// whose handling fails is kept (retried, then a dead letter) and answered 200, so Telegram does not redeliver it forever.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupHash } from "../../../src/privacy/index.ts";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { waitForOutboxSettled } from "../../support/outboxSettled.ts";
import { waitFor } from "../../support/waitFor.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const SECRET = "s3cret-token_for-tests-0123456789";
const PUBLIC_ORIGIN = "https://konseling.example:8443";
const client: FakeUser = { id: 6001, first_name: "Nina" };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

describe("Telegram webhook mode", () => {
  let w: TelegramWorld;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    // Telegram calls only an HTTPS address on port 443, 80, 88 or 8443: the fake passes its deliveries on to our
    // plain-HTTP port, as the TLS terminator in front of the service would.
    w = await startTelegramWorld({
      env: { HTTP_PORT: String(port), TELEGRAM_WEBHOOK_URL: `${PUBLIC_ORIGIN}/telegram/hook`, TELEGRAM_WEBHOOK_SECRET: SECRET },
      service: { inbound: { baseBackoffMs: 50, maxAttempts: 3, pollMs: 50 } },
    });
    w.fake.forwardWebhook(PUBLIC_ORIGIN, `http://127.0.0.1:${port}`);
  });
  afterAll(async () => w?.close());

  it("registers the webhook with the secret token and does not long-poll", async () => {
    expect(w.fake.webhook).toMatchObject({ url: `${PUBLIC_ORIGIN}/telegram/hook`, secret_token: SECRET });
    expect(w.fake.callsOf("getUpdates")).toHaveLength(0);
  });

  it("handles an update Telegram delivers with the secret header", async () => {
    w.fake.userSends(client, "/start");
    await w.fake.deliveriesSettled();
    expect(w.fake.webhookDeliveries.at(-1)?.status).toBe(200);
    await w.waitForMessage(client, /Apakah Anda setuju/);
  });

  it("refuses a request without the secret header, or with a wrong one, and handles nothing", async () => {
    const update = {
      update_id: 999_001,
      message: { message_id: 1, date: 0, chat: { id: 6002, type: "private" }, from: { id: 6002, is_bot: false, first_name: "Forged" }, text: "/start" },
    };
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(update),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    // The server answers a webhook only after the update's handler returned (its transaction committed), so
    // once the 401s are in, a handled update would already have left its mark and its queued answer.
    expect(await w.app.db.prisma.processedInbound.count({ where: { key: "telegram:m6002.1" } })).toBe(0);
    expect(await w.app.db.prisma.outbox.count({ where: { channel: "telegram", address: "6002" } })).toBe(0);
    expect(w.fake.sentTo(6002)).toHaveLength(0);

    // The same update with the secret is handled.
    expect((await post({ "x-telegram-bot-api-secret-token": SECRET })).status).toBe(200);
    await w.waitForMessage(6002, /Apakah Anda setuju/);
  });

  it("a redelivered update is handled once", async () => {
    const update = {
      update_id: 999_002,
      message: { message_id: 2, date: 0, chat: { id: 6003, type: "private" }, from: { id: 6003, is_bot: false, first_name: "Twice" }, text: "/start" },
    };
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    }
    // Each 200 came after its delivery was handled, so whatever the three deliveries queued is queued by now;
    // once it has all been sent, the fake has every message there will be.
    await w.waitForMessage(6003, /Apakah Anda setuju/);
    await waitForOutboxSettled(w.app.db.prisma, { channel: "telegram", address: "6003" });
    expect(await w.app.db.prisma.outbox.count({ where: { channel: "telegram", address: "6003" } })).toBe(1);
    expect(w.fake.sentTo(6003)).toHaveLength(1);
  });

  it("an update whose update_id repeats one handled before (Telegram restarts the ids after a quiet week) is handled", async () => {
    // core.telegram.org/bots/api#update: "If there are no new updates for at least a week, then identifier of the next
    // update will be chosen randomly instead of sequentially", so a new update may carry an id already seen.
    const post = (update: object) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
    const from = (id: number, name: string) => ({ id, is_bot: false, first_name: name });
    const before = {
      update_id: 424_242,
      message: { message_id: 1, date: 0, chat: { id: 6005, type: "private" }, from: from(6005, "Lama"), text: "/start" },
    };
    expect((await post(before)).status).toBe(200);
    await w.waitForMessage(6005, /Apakah Anda setuju/);
    const afterReset = {
      update_id: 424_242,
      message: { message_id: 1, date: 0, chat: { id: 6006, type: "private" }, from: from(6006, "Baru"), text: "/start" },
    };
    expect((await post(afterReset)).status).toBe(200);
    await w.waitForMessage(6006, /Apakah Anda setuju/);
  });

  it("an update whose handling keeps failing is answered 200 once kept, then becomes a dead letter: it is not redelivered", async () => {
    const stuck = { id: 6004, first_name: "Macet" };
    // Saving this chat's dialog fails, as a busy database or a bug would.
    await w.app.db.raw.$executeRawUnsafe(
      `CREATE TRIGGER fail_dialog_6004 BEFORE INSERT ON "DialogState" WHEN NEW."address" = '${lookupHash(w.app.keys.hashKey, "chat", "6004")}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    );
    const update = w.fake.userSends(stuck, "/start");
    await w.fake.deliveriesSettled();
    expect(w.fake.webhookDeliveries.filter((d) => d.update_id === update.update_id).map((d) => d.status)).toEqual([200]);
    await waitFor("a dead letter", async () => (await w.app.db.prisma.inboundQueue.count({ where: { address: "6004", status: "dead" } })) === 1);
    const dead = await w.app.db.prisma.inboundQueue.findFirstOrThrow({ where: { address: "6004" } });
    expect(dead).toMatchObject({ attempts: 3, reason: "failed" });
    expect(JSON.parse(dead.messageJson)).toMatchObject({ channel: "telegram", address: "6004", text: "/start" });
    await w.app.db.raw.$executeRawUnsafe("DROP TRIGGER fail_dialog_6004");
  });
});
