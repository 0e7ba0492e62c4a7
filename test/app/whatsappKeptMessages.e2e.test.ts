import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupHash } from "../../src/privacy/index.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { FakeWhatsApp } from "../fakes/whatsappSocket.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";
import { fakeBaileysSocket, WHATSAPP_UNPACED_ENV } from "../support/whatsappWorld.ts";

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
    const socket = fakeBaileysSocket(wa);
    w = await startTelegramWorld({
      env: {
        ...WHATSAPP_UNPACED_ENV,
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
