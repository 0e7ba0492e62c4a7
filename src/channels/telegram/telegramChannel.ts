// The Telegram channel: telegraf's client and update loop (long polling, or a webhook served by the
// product's HTTP server), every update converted to the neutral message and handed to the dialogs.
// One error handler for the bot: it logs the update id (never the text) and tells the person to try again. A message
// whose handling fails is kept by the dialogs and retried there; Telegram is asked to redeliver only what could not
// even be kept. A pressed button is answered within a bound whatever the handling does (callbackAnswer.ts).
import { timingSafeEqual } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import type { Logger } from "../../logger.ts";
import type { ChannelSender } from "../../notify/channelSender.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import { InboundNotKept, type InboundMessage } from "../inboundMessage.ts";
import { answerCallbackWithin, type CallbackAnswer } from "./callbackAnswer.ts";
import { createTelegramSender } from "./telegramSender.ts";
import { telegramUpdateToInbound, type ChatTag } from "./telegramToInbound.ts";

export interface TelegramChannelOptions {
  token: string;
  /** A self-hosted Bot API server (or a test's fake), e.g. http://127.0.0.1:8081. */
  apiRoot?: string;
  webhook?: { url: string; secret: string };
  onInbound(msg: InboundMessage): Promise<InboundOutcome>;
  fileStore: FileStore;
  log: Logger;
  /** What to tell a person when their message could not be handled (the database is down...). */
  failureText: string;
  /** How often a failing update is retried before the person is told (polling only; webhooks are retried by Telegram). */
  inboundAttempts?: number;
  /** How long a pressed button waits for the handling's toast before it is answered without one (default 2 s). */
  callbackAnswerWithinMs?: number;
  /** How a platform id names a chat or a query id (the service: a keyed hash; default: the value itself). */
  chatTag?: ChatTag;
}

export interface TelegramChannel {
  sender: ChannelSender;
  botUsername: string;
  /** The webhook path to serve, when in webhook mode. */
  webhookPath?: string;
  /** The bytes of a file people sent the bot (for relaying it to another channel). */
  downloadFile(fileId: string): Promise<{ bytes: Buffer; name?: string; mimeType?: string }>;
  /** Handles one webhook request; returns the HTTP status to answer. */
  handleWebhook(headers: Record<string, string | string[] | undefined>, body: unknown): Promise<number>;
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ["message", "callback_query"] as const;
const COMMANDS = [
  { command: "start", description: "Mulai / daftar konseling" },
  { command: "status", description: "Perkembangan kasus Anda" },
  { command: "batal", description: "Batalkan pendaftaran" },
  { command: "bahasa", description: "Bahasa Indonesia / English" },
  { command: "hapus", description: "Tarik persetujuan dan minta data dihapus" },
];

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts the channel: polling begins (or the webhook is registered) before this resolves. */
export async function startTelegramChannel(options: TelegramChannelOptions): Promise<TelegramChannel> {
  const { log } = options;
  const bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false }, handlerTimeout: 120_000 });
  const attempts = options.inboundAttempts ?? 4;
  const webhookMode = Boolean(options.webhook);

  /** The answer of each pressed button being handled, for the error handler. */
  const answers = new WeakMap<object, CallbackAnswer>();

  bot.use(async (ctx) => {
    // Started before anything else: the spinner stops when the handling's toast is there, or at the bound.
    const answer = ctx.callbackQuery
      ? answerCallbackWithin((text) => ctx.answerCbQuery(text), { withinMs: options.callbackAnswerWithinMs ?? 2000 })
      : undefined;
    if (answer) answers.set(ctx.update, answer);
    const msg = telegramUpdateToInbound(ctx.update, new Date(), options.chatTag);
    if (!msg) {
      await answer?.answer();
      return;
    }
    let outcome: InboundOutcome | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        outcome = await options.onInbound(msg);
        break;
      } catch (error) {
        // A failure while handling is kept and retried by the dialogs (a dead letter at worst); only a message that
        // could not even be kept is worth another try. A webhook answers 500 and Telegram redelivers; polling
        // retries here a few times first. Anything else is final: a redelivery would fail the same way.
        if (!(error instanceof InboundNotKept) || webhookMode || attempt >= attempts) throw error;
        log.warn({ updateId: ctx.update.update_id, attempt, err: (error as Error).message }, "handling a Telegram update failed; retrying");
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
    await answer?.answer(outcome?.toast || undefined);
  });

  bot.catch(async (error, ctx) => {
    log.error({ updateId: ctx.update.update_id, err: (error as Error).message }, "could not handle a Telegram update");
    const chatId = ctx.chat?.id;
    // A press already answered (the handling took longer than the bound) is told in the chat instead.
    const told = (await answers.get(ctx.update)?.answer(options.failureText)) ?? false;
    if (!told && chatId !== undefined) await ctx.telegram.sendMessage(chatId, options.failureText).catch(() => undefined);
    // Answered 500 only when the message is nowhere yet: Telegram delivers the update again. Otherwise 200, so a
    // message the dialogs keep failing on is a dead letter here, not an update redelivered forever.
    if (webhookMode && error instanceof InboundNotKept) throw error;
  });

  bot.botInfo = await bot.telegram.getMe();
  await bot.telegram.setMyCommands(COMMANDS).catch((e: Error) => log.warn({ err: e.message }, "could not set the bot's command list"));

  let polling: Promise<void> | undefined;
  let webhookPath: string | undefined;
  if (options.webhook) {
    webhookPath = new URL(options.webhook.url).pathname;
    await bot.telegram.setWebhook(options.webhook.url, { secret_token: options.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    log.info({ path: webhookPath }, "telegram: webhook registered");
  } else {
    // launch() deletes any webhook, then long-polls until stop(); it resolves only when polling ends.
    polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false }).catch((error: Error) => {
      log.error({ err: error.message }, "telegram polling stopped: another process polls this bot, or the token was revoked");
    });
    log.info("telegram: long polling");
  }

  return {
    sender: createTelegramSender(bot.telegram, { fileStore: options.fileStore }),
    botUsername: bot.botInfo.username,
    webhookPath,
    async downloadFile(fileId) {
      const link = await bot.telegram.getFileLink(fileId);
      const response = await fetch(link);
      if (!response.ok) throw new Error(`Telegram file download failed: HTTP ${response.status}`);
      return { bytes: Buffer.from(await response.arrayBuffer()), name: link.pathname.split("/").pop() };
    },
    async handleWebhook(headers, body) {
      if (!options.webhook) return 404;
      if (!sameSecret(headers["x-telegram-bot-api-secret-token"], options.webhook.secret)) {
        log.warn("telegram webhook: request without the right secret token refused");
        return 401;
      }
      if (typeof body !== "object" || body === null || typeof (body as Update).update_id !== "number") return 400;
      try {
        await bot.handleUpdate(body as Update);
        return 200;
      } catch {
        return 500;
      }
    },
    async stop() {
      if (!polling) return;
      // Right after start, launch() may still be deleting the webhook: bot.stop() then throws "Bot is not
      // running!" and polling would start afterwards and never end. Try again until polling has started
      // (and so can be stopped) or launch() has ended on its own.
      for (;;) {
        try {
          bot.stop("shutdown");
          break;
        } catch {
          const ended = await Promise.race([polling.then(() => true), delay(20).then(() => false)]);
          if (ended) break;
        }
      }
      await polling;
    },
  };
}
