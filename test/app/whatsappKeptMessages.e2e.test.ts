// A WhatsApp message whose handling fails is no longer lost (it used to be logged and dropped by the channel): the
// dialogs keep it and try again, so it is handled once the database takes it; one that keeps failing becomes a dead
// letter the admins are told of. The real adapter on the fake baileys socket, the dialogs failing through a SQLite
// trigger on saving the chat's dialog (as a busy database or a bug would).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBaileysSocket } from "../../src/channels/whatsapp/baileysSocket.ts";
import { createLogger } from "../../src/logger.ts";
import { lookupHash } from "../../src/privacy/index.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { FakeWhatsApp } from "../fakes/whatsappSocket.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const CLIENT = "6281234500001@s.whatsapp.net";
const STUCK = "6281234500002@s.whatsapp.net";
const admin: FakeUser = { id: 9299, first_name: "Admin" };

describe("WhatsApp: a message whose handling fails is kept, not lost", () => {
  let w: TelegramWorld;
  const wa = new FakeWhatsApp();
  const failDialogsOf = (jid: string, name: string) =>
    w.app.db.raw.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "DialogState" WHEN NEW."address" = '${lookupHash(w.app.keys.hashKey, "chat", jid)}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    );
  const texts = (jid: string) => wa.textsSentTo(jid);

  beforeAll(async () => {
    const socket = createBaileysSocket({
      authDir: mkdtempSync(join(tmpdir(), "pintu-wa-")),
      logger: createLogger("silent"),
      makeSocket: wa.makeSocket,
      downloadMedia: wa.downloadMedia,
    });
    w = await startTelegramWorld({
      env: {
        WHATSAPP_PER_CHAT_INTERVAL_MS: "0",
        WHATSAPP_MIN_INTERVAL_MS: "0",
        WHATSAPP_MAX_PER_MINUTE: "100000",
        WHATSAPP_TYPING_MS: "0",
        ADMIN_CONTACTS: `telegram:${admin.id}`,
      },
      service: { whatsappSocket: socket, inbound: { baseBackoffMs: 100, maxAttempts: 4, pollMs: 50 } },
    });
    wa.open();
  });
  afterAll(async () => w?.close());

  it("is handled once the database takes it", async () => {
    await failDialogsOf(CLIENT, "fail_client");
    wa.userSends(CLIENT, "Halo, saya mau konseling");
    await waitFor(
      "kept after its first failure",
      async () => (await w.app.db.prisma.inboundQueue.count({ where: { address: CLIENT, attempts: { gte: 1 } } })) === 1,
    );
    expect(texts(CLIENT).some((t) => /Apakah Anda setuju/.test(t))).toBe(false);
    await w.app.db.raw.$executeRawUnsafe("DROP TRIGGER fail_client");
    await waitFor("the consent question", () => texts(CLIENT).some((t) => /Apakah Anda setuju/.test(t)), 10_000);
    expect(wa.reads.some((key) => key.remoteJid === CLIENT)).toBe(true);
    expect(await w.app.db.prisma.inboundQueue.count({ where: { address: CLIENT } })).toBe(0);
  });

  it("one that keeps failing becomes a dead letter, and the admins are told", async () => {
    await failDialogsOf(STUCK, "fail_stuck");
    wa.userSends(STUCK, "tolong bantu saya");
    await w.waitForMessage(admin, /A whatsapp message .* could not be handled after 4 attempts/);
    const dead = await w.app.db.prisma.inboundQueue.findFirstOrThrow({ where: { address: STUCK } });
    expect(dead).toMatchObject({ status: "dead", channel: "whatsapp" });
    expect(JSON.parse(dead.messageJson)).toMatchObject({ text: "tolong bantu saya" });
    await w.app.db.raw.$executeRawUnsafe("DROP TRIGGER fail_stuck");
  });
});
