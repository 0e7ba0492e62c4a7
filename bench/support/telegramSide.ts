// Telegram's side of the benchmark, in the benchmark's process: the repository's fake Bot API server (it
// records every call with its arrival time) and the webhook settings the product is started with.
import { randomBytes } from "node:crypto";
import { startFakeBotApi, type FakeBotApi } from "../../test/fakes/telegramBotApi.ts";

export const BENCH_BOT_TOKEN = "123456789:AAH-bench-token-0123456789abcdef";

export interface TelegramSide {
  fake: FakeBotApi;
  secret: string;
  /** The product's environment for webhook mode against this fake, serving on `port` (with the run's encryption keys). */
  productEnv(port: number): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the fake Bot API. Button presses are our own updates (not the fake's), so answerCallbackQuery
 * answers `true` at once instead of checking the query id, as Telegram would for a real press.
 */
/** The public address the product registers as its webhook (never resolved: the fake forwards it). */
const BENCH_PUBLIC_ORIGIN = "https://konseling.example:8443";

export async function startTelegramSide(): Promise<TelegramSide> {
  const fake = await startFakeBotApi({ botUsername: "pintu_bench_bot", token: BENCH_BOT_TOKEN });
  fake.handle("answerCallbackQuery", () => true);
  const secret = randomBytes(24).toString("base64url");
  // Configured keys, as production has them (a real channel refuses development keys); one set per run, so restarts read what was written.
  const keys = { ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`, HASH_KEY: randomBytes(32).toString("base64") };
  return {
    fake,
    secret,
    productEnv: (port) => {
      // Telegram calls only an HTTPS address on an allowed port: the product registers its public address, and the
      // fake delivers to the local port behind it, as a TLS terminator would. The bench posts to the local port.
      fake.forwardWebhook(BENCH_PUBLIC_ORIGIN, `http://127.0.0.1:${port}`);
      return {
        TELEGRAM_BOT_TOKEN: BENCH_BOT_TOKEN,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_WEBHOOK_URL: `${BENCH_PUBLIC_ORIGIN}/telegram/hook`,
        TELEGRAM_WEBHOOK_SECRET: secret,
        HTTP_PORT: String(port),
        ...keys,
      };
    },
    close: () => fake.close(),
  };
}
