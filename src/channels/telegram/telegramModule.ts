// The Telegram channel as the service sees it: edits sent messages, answers a press with a toast, takes the
// intake a question at a time; on when TELEGRAM_BOT_TOKEN is set; paced by TELEGRAM_PER_CHAT_INTERVAL_MS
// and TELEGRAM_MAX_PER_SECOND (its settings: telegramSettings.ts). It starts in telegramStarter.ts.
import { defineChannelModule } from "../channelModule.ts";
import { telegramSettings } from "./telegramSettings.ts";

export const telegramModule = defineChannelModule({
  id: "telegram",
  settings: telegramSettings,
  capabilities: { canEdit: true, toasts: true, formIntake: false, threadsReplies: false },
  sendLimits: (config) => ({
    perChatIntervalMs: config.telegram.perChatIntervalMs,
    perGroupIntervalMs: 3 * config.telegram.perChatIntervalMs,
    globalPerSecond: config.telegram.maxPerSecond,
  }),
  plan: (config) =>
    config.telegram.token ? { on: true, reason: config.telegram.webhookUrl ? "webhook" : "long polling" } : { on: false, reason: "no TELEGRAM_BOT_TOKEN set" },
  startFailureHint: "check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT",
  logName: "telegram channel",
});
