// Starts what the configuration asks for on an opened App: the chat channels, the outbox dispatcher,
// the deadline timer and the HTTP server (health, Telegram webhook). main.ts and the tests both use it.
import type { FastifyInstance } from "fastify";
import { startTelegramChannel, type TelegramChannel } from "../channels/telegram/telegramChannel.ts";
import { createInboundHandler } from "../dialogs/handleInbound.ts";
import type { DialogDeps } from "../dialogs/dialogContext.ts";
import { buildHttpServer } from "../http/server.ts";
import { messagesFor } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { ChannelSender } from "../notify/channelSender.ts";
import { createOutboxDispatcher, type DispatcherOptions, type OutboxDispatcher } from "../notify/outboxDispatcher.ts";
import { startDeadlineTimer } from "../scheduling/deadlineTimer.ts";
import { databaseFileStore } from "../store/databaseFileStore.ts";
import type { App } from "./openApp.ts";
import { channelStates, type ChannelState } from "./channelStatus.ts";

export interface Service {
  http: FastifyInstance;
  /** The port the HTTP server listens on. */
  port: number;
  dispatcher: OutboxDispatcher;
  telegram?: TelegramChannel;
  /** Hands a neutral message to the dialogs (what every channel does). */
  handleInbound: ReturnType<typeof createInboundHandler>;
  channels(): ChannelState[];
  stop(): Promise<void>;
}

export interface ServiceOptions {
  log: Logger;
  clock?: () => Date;
  /** Overrides for the dispatcher (tests: faster retries). */
  dispatcher?: Partial<Omit<DispatcherOptions, "prisma" | "senders" | "log">>;
  /** Start the deadline timer (default true). */
  deadlines?: boolean;
}

export async function startService(app: App, options: ServiceOptions): Promise<Service> {
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  const fileStore = databaseFileStore(app.db.prisma);
  const defaultOrgId = app.config.defaultOrgId ?? app.flows.organisations.keys().next().value ?? "";
  const deps: DialogDeps = {
    prisma: app.db.prisma,
    flows: app.flows,
    flowContext: (id) => app.flowContext(id),
    settings: {
      defaultOrgId,
      defaultLocale: app.config.defaultLocale,
      crisisPhrases: app.config.crisis.phrases,
      crisisHotline: app.config.crisis.hotline,
      inviteCodeTtlHours: app.config.inviteCodeTtlHours,
    },
    clock,
    log: log.child({ module: "dialogs" }),
  };
  let dispatcher: OutboxDispatcher | undefined;
  const handleInbound = createInboundHandler(deps, { afterCommit: () => dispatcher?.kick() });
  const states = channelStates(app.config);
  const senders: ChannelSender[] = [];

  let telegram: TelegramChannel | undefined;
  if (app.config.telegram.token) {
    try {
      telegram = await startTelegramChannel({
        token: app.config.telegram.token,
        apiRoot: app.config.telegram.apiRoot,
        webhook: app.config.telegram.webhookUrl ? { url: app.config.telegram.webhookUrl, secret: app.config.telegram.webhookSecret! } : undefined,
        onInbound: handleInbound,
        fileStore,
        log: log.child({ module: "telegram" }),
        failureText: messagesFor(app.config.defaultLocale).errors.tryAgain,
      });
      senders.push(telegram.sender);
      const state = states.find((s) => s.channel === "telegram")!;
      state.reason = `${state.reason} as @${telegram.botUsername}`;
    } catch (error) {
      const state = states.find((s) => s.channel === "telegram")!;
      state.on = false;
      state.reason = `could not start: ${(error as Error).message} (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT)`;
      log.error({ err: (error as Error).message }, "telegram channel could not start; the rest of the service runs");
    }
  }

  dispatcher = createOutboxDispatcher({ prisma: app.db.prisma, senders, log: log.child({ module: "outbox" }), ...options.dispatcher });
  dispatcher.start();
  const stopTimer = options.deadlines === false ? () => {} : startDeadlineTimer(app, log.child({ module: "deadlines" }), app.config.deadlineCheckSeconds, clock);

  const http = buildHttpServer(app, { channels: () => states });
  if (telegram?.webhookPath) {
    const tg = telegram;
    http.post(tg.webhookPath!, async (request, reply) => reply.code(await tg.handleWebhook(request.headers, request.body)).send());
  }
  await http.listen({ host: app.config.http.host, port: app.config.http.port });
  const address = http.server.address();
  const port = typeof address === "object" && address ? address.port : app.config.http.port;

  return {
    http,
    port,
    dispatcher,
    telegram,
    handleInbound,
    channels: () => states,
    async stop() {
      stopTimer();
      await http.close();
      await telegram?.stop();
      await dispatcher!.stop();
    },
  };
}
