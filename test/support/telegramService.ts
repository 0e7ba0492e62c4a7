// The whole product in-process with telegraf pointed at the fake Bot API server (real HTTP), on a fresh
// database: what the Telegram end-to-end tests drive. People are Telegram users of the fake server.
// Telegram's send limits are lifted here to keep the walks fast; test/notify covers the limits themselves.
import { openApp, type App } from "../../src/app/openApp.ts";
import { startService, type Service, type ServiceOptions } from "../../src/app/startService.ts";
import { createLogger } from "../../src/logger.ts";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import type { DatabaseTarget } from "../../src/store/databaseTarget.ts";
import { startFakeBotApi, type ChatMessage, type FakeBotApi, type FakeUser } from "../fakes/telegramBotApi.ts";
import { freshDatabase, type DbKind } from "./databases.ts";
import { TEST_HEALTH_TOKEN } from "./health.ts";
import { TEST_KEYS_ENV } from "./testKeys.ts";

export interface TelegramWorld {
  fake: FakeBotApi;
  app: App;
  service: Service;
  target: DatabaseTarget;
  env: Record<string, string>;
  /** Issues an invite for a new staff person and links `user` with it through the bot. */
  linkStaff(user: FakeUser, p: { org?: string; roles: string[]; name: string }): Promise<string>;
  /** Waits until the bot's messages to `user` include one matching `pattern` (edits applied); returns it. */
  waitForMessage(user: FakeUser | number, pattern: RegExp, options?: { after?: number; timeoutMs?: number }): Promise<ChatMessage>;
  /** Presses the button labelled `label` on the bot's latest message to `user` that has it. */
  press(user: FakeUser, label: string | RegExp, message?: ChatMessage): Promise<void>;
  /** `user` sends `text`; resolves with the bot's next message to `who` (default `user`) matching `expected`. */
  say(user: FakeUser, text: string, expected: RegExp, who?: FakeUser): Promise<ChatMessage>;
  /** `user` presses `label`; resolves with the bot's next message to `who` (default `user`) matching `expected`. */
  tap(user: FakeUser, label: string | RegExp, expected: RegExp, who?: FakeUser): Promise<ChatMessage>;
  /** A praja registers through the whole intake (no phone or email); resolves with the case number. */
  registerPraja(user: FakeUser, p?: { keluhan?: string[]; npp?: string }): Promise<number>;
  /** How many messages the bot has sent `user` so far (to wait only for newer ones). */
  count(user: FakeUser | number): number;
  /** Stops the service (not the database or the fake): for restarts. */
  stopService(): Promise<void>;
  /** Starts the service again on the same database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const chatOf = (user: FakeUser | number) => (typeof user === "number" ? user : user.id);

export function buttonsOf(message: ChatMessage): { text: string; data: string }[] {
  const markup = message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" }));
}

export async function startTelegramWorld(p: { kind?: DbKind; env?: Record<string, string>; service?: Partial<ServiceOptions> } = {}): Promise<TelegramWorld> {
  const fake = await startFakeBotApi({ botUsername: "pintu_test_bot", token: "123456789:AAH-fake-token-for-tests_0123456789" });
  const target = await freshDatabase(p.kind ?? "sqlite");
  const env: Record<string, string> = {
    DATABASE_URL: target.url,
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    DEADLINE_CHECK_SECONDS: "3600",
    // Test people type faster than people: the per-sender limit has its own test.
    INBOUND_BURST: "10000",
    ...TEST_KEYS_ENV,
    HEALTH_TOKEN: TEST_HEALTH_TOKEN,
    ...p.env,
  };
  const log = createLogger(env.LOG_LEVEL ?? "silent");
  const serviceOptions: ServiceOptions = {
    log,
    deadlines: false,
    dispatcher: { baseBackoffMs: 50, pollMs: 100, limits: { telegram: { perChatIntervalMs: 0, globalPerSecond: 10_000 } } },
    ...p.service,
  };
  let app = await openApp({ env });
  let service = await startService(app, serviceOptions);
  let stopped = false;

  const world: TelegramWorld = {
    fake,
    get app() {
      return app;
    },
    get service() {
      return service;
    },
    target,
    env,
    async linkStaff(user, q) {
      let personId: string | undefined;
      let code = "";
      for (const role of q.roles) {
        const invite = await issueInvite(app.db.prisma, {
          orgId: q.org ?? "ipdn",
          role,
          name: q.name,
          ttlHours: 24,
          now: (p.service?.clock ?? (() => new Date()))(),
          personId,
        });
        personId = invite.personId;
        code = invite.code;
      }
      const before = world.count(user);
      fake.userSends(user, `/start ${code}`);
      await world.waitForMessage(user, /terhubung sebagai|linked as/i, { after: before });
      return personId!;
    },
    async waitForMessage(user, pattern, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 8000);
      for (;;) {
        const found = fake
          .sentTo(chatOf(user))
          .slice(options.after ?? 0)
          .find((m) => pattern.test(m.text ?? m.caption ?? ""));
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = fake.sentTo(chatOf(user)).map((m) => `  - ${(m.text ?? m.caption ?? "").slice(0, 140).replace(/\n/g, " ⏎ ")}`);
          throw new Error(`chat ${chatOf(user)}: no message matching ${pattern} within the time. Messages so far:\n${seen.join("\n")}`);
        }
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    async press(user, label, message) {
      const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
      const candidates = message ? [message] : fake.sentTo(user.id).reverse();
      for (const m of candidates) {
        const button = buttonsOf(m).find((b) => matches(b.text));
        if (button) {
          fake.userPresses(user, m.message_id, button.data);
          return;
        }
      }
      throw new Error(`chat ${user.id}: no message with a button ${label}`);
    },
    async say(user, text, expected, who = user) {
      const before = world.count(who);
      fake.userSends(user, text);
      return world.waitForMessage(who, expected, { after: before });
    },
    async tap(user, label, expected, who = user) {
      const before = world.count(who);
      await world.press(user, label);
      return world.waitForMessage(who, expected, { after: before });
    },
    async registerPraja(user, q = {}) {
      await world.say(user, "/start", /setuju/i);
      await world.tap(user, "Setuju", /mendaftar sebagai/);
      await world.tap(user, "Praja", /nama lengkap/);
      await world.say(user, `${user.first_name} Praja`, /NPP/);
      await world.say(user, q.npp ?? `31.${String(user.id).slice(-4).padStart(4, "0")}`, /Tingkat/);
      await world.tap(user, "IV", /kelas/);
      await world.say(user, "D1", /kampus/i);
      await world.tap(user, "Jatinangor", /Nomor HP/);
      await world.tap(user, "Lewati", /email/i);
      await world.tap(user, "Lewati", /keluhan/);
      for (const k of q.keluhan ?? ["Sulit tidur."]) await world.say(user, k, /Tercatat/);
      await world.tap(user, "Selesai", /Periksa data/);
      const opened = await world.tap(user, "Kirim", /Kasus #\d+/);
      return Number(/Kasus #(\d+)/.exec(opened.text ?? "")![1]);
    },
    count: (user) => fake.sentTo(chatOf(user)).length,
    async stopService() {
      if (stopped) return;
      stopped = true;
      await service.stop();
      await app.close();
    },
    async restart() {
      await world.stopService();
      app = await openApp({ env });
      service = await startService(app, serviceOptions);
      stopped = false;
    },
    async close() {
      await world.stopService();
      await fake.close();
    },
  };
  return world;
}

/**
 * Konseling Online Praja rows 2-3 on Telegram, for walks that meet the case later: the staf passes the new case on,
 * the counsellor records the intake and writes the plan, which row 4 then asks the Kepala Unit to approve.
 */
export async function passCaseToPlanApproval(w: TelegramWorld, p: { staf: FakeUser; konselor: FakeUser; plan: string }): Promise<void> {
  await w.press(p.staf, "Selesai");
  await w.waitForMessage(p.konselor, /Langkah 3: Konselor intake awal/);
  await w.tap(p.konselor, "Selesai", /Langkah 3: Rencana penanganan/);
  await w.tap(p.konselor, "Selesai", /Tuliskan isi rencana/);
  w.fake.userSends(p.konselor, p.plan);
}
