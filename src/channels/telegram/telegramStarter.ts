// How the Telegram channel starts: telegraf is loaded only then.
import type { ChannelStarter, RunningChannel } from "../channelStart.ts";
import type { TelegramChannel } from "./telegramChannel.ts";

export interface TelegramRuntime extends RunningChannel {
  channel: TelegramChannel;
}

export const telegramStarter: ChannelStarter<TelegramRuntime> = {
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
      // Dedupe marks and stored messages keep a message's platform id: it names the chat (or a press's query id,
      // which carries the presser's user id) by a keyed hash.
      chatTag: (value) => app.keys.hashKey.hmacHex(`telegram-id:v1\u0000${value}`).slice(0, 24),
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
};
