// Two instances of the product in webhook mode on one PostgreSQL database, as behind a load balancer: both
// take updates, and every outbox row is sent once and every deadline fires once between them.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service } from "../../src/app/startService.ts";
import { escalateOverdueSteps } from "../../src/jobs/deadlineTimer.ts";
import { createLogger } from "../../src/logger.ts";
import { openCase } from "../../src/store/caseRepository.ts";
import { issueInvite, redeemInvite } from "../../src/store/inviteCodes.ts";
import { startFakeBotApi, type FakeBotApi } from "../fakes/telegramBotApi.ts";
import { canTest, freshDatabase } from "../support/databases.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { buttonsOf } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";

const SECRET = "two-instances-secret-0123456789";
const USERS = Array.from({ length: 40 }, (_, i) => 9700 + i);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

describe.skipIf(!canTest("postgres"))("two instances on one PostgreSQL database", () => {
  let fake: FakeBotApi;
  const instances: { app: App; service: Service; port: number }[] = [];
  let updateId = 5_000_000;

  beforeAll(async () => {
    fake = await startFakeBotApi({ token: "123456789:AAH-fake-token-for-tests_0123456789" });
    const target = await freshDatabase("postgres");
    const ports = [await freePort(), await freePort()];
    // Telegram calls only HTTPS on an allowed port: the fake passes deliveries on to the first instance.
    fake.forwardWebhook("https://konseling.example:8443", `http://127.0.0.1:${ports[0]}`);
    for (const port of ports) {
      const env = {
        DATABASE_URL: target.url,
        HTTP_PORT: String(port),
        LOG_LEVEL: "silent",
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_WEBHOOK_URL: "https://konseling.example:8443/telegram/hook",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        ...TEST_KEYS_ENV,
      };
      const app = await openApp({ env });
      const service = await startService(app, {
        log: createLogger("silent"),
        dispatcher: { pollMs: 50, limits: { telegram: { perChatIntervalMs: 0, globalPerSecond: 10_000 } } },
        sessions: { loop: false },
        // The deadline passes both instances' timers would run are run by the test, at the same moment.
        deadlines: false,
      });
      instances.push({ app, service, port });
    }
  }, 60_000);
  afterAll(async () => {
    for (const i of instances) {
      await i.service.stop();
      await i.app.close();
    }
    await fake?.close();
  });

  const post = (n: number, update: object) =>
    fetch(`http://127.0.0.1:${instances[n % 2]!.port}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({ update_id: updateId++, ...update }),
    }).then((r) => r.status);
  const from = (id: number) => ({ id, is_bot: false, first_name: `U${id}` });
  const textsTo = (chat: number) =>
    fake
      .callsOf("sendMessage")
      .filter((c) => !c.failed && String(c.params.chat_id) === String(chat))
      .map((c) => String(c.params.text));

  it("both instances serve updates; every message goes out exactly once", async () => {
    const statuses = await Promise.all(
      USERS.map((id, i) =>
        post(i, {
          message: {
            message_id: 1,
            date: 0,
            chat: { id, type: "private" },
            from: from(id),
            text: "/start",
            entities: [{ type: "bot_command", offset: 0, length: 6 }],
          },
        }),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitFor("a consent prompt to every user", () => USERS.every((id) => fake.sentTo(id).length >= 1));
    // Each user presses "Setuju" on the other instance than the one that took their /start.
    await Promise.all(
      USERS.map((id, i) => {
        const consent = fake.sentTo(id)[0]!;
        const data = buttonsOf(consent).find((b) => b.text === "Setuju")!.data;
        return post(i + 1, { callback_query: { id: `cb${id}`, from: from(id), chat_instance: "1", data, message: consent.message } });
      }),
    );
    await waitFor("a kind prompt to every user", () => USERS.every((id) => textsTo(id).some((t) => /mendaftar sebagai/.test(t))));
    // Every webhook answer came after its update was handled, so all there is to send is queued. Once every row
    // is marked sent and neither dispatcher has a send in hand, the fake has recorded every message there is.
    await waitForOutboxSettled(instances[0]!.app.db.prisma, { channel: "telegram" });
    await Promise.all(instances.map((i) => i.service.dispatcher.runOnce()));
    for (const id of USERS) {
      const texts = textsTo(id);
      expect(
        texts.filter((t) => /Apakah Anda setuju/.test(t)),
        `user ${id}`,
      ).toHaveLength(1);
      expect(
        texts.filter((t) => /mendaftar sebagai/.test(t)),
        `user ${id}`,
      ).toHaveLength(1);
    }
    const rows = await instances[0]!.app.db.prisma.outbox.findMany({ where: { channel: "telegram" }, select: { claimedBy: true, status: true } });
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // Both instances did some of the sending.
    expect(new Set(rows.map((r) => r.claimedBy)).size).toBe(2);
  }, 60_000);

  it("an overdue step is escalated once though both instances' deadline passes see it at the same moment", async () => {
    const { prisma } = instances[0]!.app.db;
    const now = new Date();
    // Step 1 of BK Praja is the staf's; a late one goes to the Kasubbag (whom the staf answers to).
    for (const [role, chat] of [
      ["staf", "9801"],
      ["kasubbag", "9802"],
    ] as const) {
      const invite = await issueInvite(prisma, { orgId: "ipdn", role, name: role, ttlHours: 1, now });
      await redeemInvite(prisma, { code: invite.code, channel: "telegram", address: chat, now });
    }
    fake.userSends({ id: 9802, first_name: "k" }, "hi");
    const client = await prisma.person.create({ data: { kind: "client" } });
    await openCase(prisma, instances[0]!.app.flowContext("bk-praja"), { clientId: client.id, at: new Date(now.getTime() - 7 * 24 * 3600_000) });
    // Both instances run their deadline pass at the same moment, a few times over, as their timers would.
    let escalated = 0;
    for (let tick = 0; tick < 3; tick++) for (const n of await Promise.all(instances.map((i) => escalateOverdueSteps(i.app, new Date())))) escalated += n;
    expect(escalated).toBe(1);
    // What the passes queued is all there is; once it is sent and no send is in hand, the fake has it all.
    await waitFor("the escalation", () => fake.sentTo(9802).some((m) => /Peringatan: Kasus #\d+, langkah 1/.test(m.text ?? "")));
    await waitForOutboxSettled(prisma, { channel: "telegram" });
    await Promise.all(instances.map((i) => i.service.dispatcher.runOnce()));
    expect(fake.sentTo(9802).filter((m) => /Peringatan: Kasus #\d+, langkah 1/.test(m.text ?? ""))).toHaveLength(1);
    expect(await prisma.auditEvent.count({ where: { type: "deadline_passed" } })).toBe(1);
  }, 60_000);
});
