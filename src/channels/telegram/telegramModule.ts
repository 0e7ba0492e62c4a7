// The Telegram channel as the service sees it: edits sent messages, answers a press with a toast, takes the
// intake a question at a time; on when TELEGRAM_BOT_TOKEN is set; paced by TELEGRAM_PER_CHAT_INTERVAL_MS
// and TELEGRAM_MAX_PER_SECOND (its settings: telegramSettings.ts). telegraf is loaded only when the channel starts.
import { defineChannelModule, type RunningChannel } from "../channelModule.ts";
import type { TelegramChannel } from "./telegramChannel.ts";
import { telegramSettings } from "./telegramSettings.ts";

export interface TelegramRuntime extends RunningChannel {
  channel: TelegramChannel;
}

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
    config.telegram.token
      ? { on: true, reason: config.telegram.webhookUrl ? "webhook" : "long polling" }
      : { on: false, reason: "no TELEGRAM_BOT_TOKEN set" },
  startFailureHint: "check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT",
  logName: "telegram channel",
  async start(context): Promise<TelegramRuntime> {
    const { app } = context;
    const [{ startTelegramChannel }, { messagesFor }] = await Promise.all([import("./telegramChannel.ts"), import("../../i18n/index.ts")]);
    const config = app.config.telegram;
    const channel = await startTelegramChannel({
      token: config.token!,
      apiRoot: config.apiRoot,
      webhook: config.webhookUrl ? { url: config.webhookUrl, secret: config.webhookSecret! } : undefined,
      onInbound: context.handleInbound,
      fileStore: context.fileStore,
      log: context.log,
      failureText: messagesFor(app.config.defaultLocale).errors.tryAgain,
    });
    const reason = `${config.webhookUrl ? "webhook" : "long polling"} as @${channel.botUsername}`;
    return {
      channel,
      sender: channel.sender,
      status: () => reason,
      webhook: channel.webhookPath ? { path: channel.webhookPath, handle: (headers, body) => channel.handleWebhook(headers, body) } : undefined,
      downloadFile: (fileId) => channel.downloadFile(fileId),
      dialogSettings: { telegramLink: `https://t.me/${channel.botUsername}` },
      stop: () => channel.stop(),
    };
  },
});
