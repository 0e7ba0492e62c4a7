// The Telegram channel's settings: TELEGRAM_BOT_TOKEN turns it on; a webhook URL (with its secret) instead of
// long polling; a self-hosted Bot API server; and the pace the outbox keeps (Telegram's own limits).
import { z } from "zod";
import { defineChannelSettings } from "../channelSettings.ts";
import { optionalText, positiveInt, wholeNumber } from "../envFields.ts";

export const telegramSettings = defineChannelSettings({
  variables: {
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]{20,}$/, "expected a token from @BotFather, like 123456:ABC-DEF...")
        .optional(),
    ),
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url({ message: "expected an https:// URL" }).optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16-256 characters of A-Z, a-z, 0-9, _ and -")
        .optional(),
    ),
    TELEGRAM_API_ROOT: optionalText.pipe(z.url({ message: "expected a URL such as http://127.0.0.1:8081" }).optional()),
    TELEGRAM_PER_CHAT_INTERVAL_MS: wholeNumber(1000),
    TELEGRAM_MAX_PER_SECOND: positiveInt(30),
  },
  check(v, issues) {
    if (v.TELEGRAM_WEBHOOK_URL && !v.TELEGRAM_WEBHOOK_SECRET) {
      issues.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "required when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back so forged updates are refused)",
      });
    }
    if (v.TELEGRAM_WEBHOOK_URL && !v.TELEGRAM_BOT_TOKEN) {
      issues.addIssue({ code: "custom", path: ["TELEGRAM_BOT_TOKEN"], message: "required when TELEGRAM_WEBHOOK_URL is set" });
    }
  },
  read: (v) => ({
    token: v.TELEGRAM_BOT_TOKEN,
    webhookUrl: v.TELEGRAM_WEBHOOK_URL,
    webhookSecret: v.TELEGRAM_WEBHOOK_SECRET,
    apiRoot: v.TELEGRAM_API_ROOT,
    perChatIntervalMs: v.TELEGRAM_PER_CHAT_INTERVAL_MS,
    maxPerSecond: v.TELEGRAM_MAX_PER_SECOND,
  }),
  // A chat id: a person's is positive, a group's negative.
  adminAddress: { example: "<chat id>", parse: (address) => (/^-?\d+$/.test(address) ? address : undefined) },
});

/** What config.telegram holds. */
export type TelegramSettings = ReturnType<typeof telegramSettings.read>;
