// Starts what the configuration asks for on an opened App: the chat channels, the outbox dispatcher,
// the deadline timer and the HTTP server (health, Telegram webhook). main.ts and the tests both use it.
import type { FastifyInstance } from "fastify";
import { startTelegramChannel, type TelegramChannel } from "../channels/telegram/telegramChannel.ts";
import { createInboundHandler } from "../dialogs/handleInbound.ts";
import { createFloodGuard } from "../dialogs/floodGuard.ts";
import type { DialogDeps } from "../dialogs/dialogContext.ts";
import { buildHttpServer } from "../http/server.ts";
import { mountDashboard } from "../http/dashboard/dashboardRoutes.ts";
import { messagesFor } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { ChannelSender } from "../notify/channelSender.ts";
import { createOutboxDispatcher, type DispatcherOptions, type OutboxDispatcher } from "../notify/outboxDispatcher.ts";
import { startDeadlineTimer } from "../scheduling/deadlineTimer.ts";
import { databaseFileStore } from "../store/databaseFileStore.ts";
import type { WhatsAppSocket } from "../channels/whatsapp/whatsappSocket.ts";
import { createAdminAlerts } from "../notify/adminAlerts.ts";
import { FileMissingError } from "../notify/fileStore.ts";
import { createAttachmentStore } from "./attachmentStore.ts";
import { runRetention } from "../store/retention.ts";
import { createDocumentWorker, type DocumentWorker } from "./documentWorker.ts";
import { createCalendarProvider } from "../scheduling/calendarProvider.ts";
import { createGoogleCalendar, type GoogleCalendarOptions } from "../scheduling/googleCalendar.ts";
import { createSessionScheduler, type SessionScheduler } from "../scheduling/sessionScheduler.ts";
import type { EmailChannel } from "./emailChannel.ts";
import type { WhatsAppRuntime } from "./whatsappChannel.ts";
import { retireDemoStaff, shouldStartLocalMode, startLocalMode, type LocalMode } from "./localMode.ts";
import type { App } from "./openApp.ts";
import { channelStates, type ChannelState } from "./channelStatus.ts";

export interface Service {
  http: FastifyInstance;
  /** The port the HTTP server listens on. */
  port: number;
  dispatcher: OutboxDispatcher;
  sessions: SessionScheduler;
  documents: DocumentWorker;
  telegram?: TelegramChannel;
  whatsapp?: WhatsAppRuntime;
  email?: EmailChannel;
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
  /** A WhatsApp socket to use instead of baileys (tests drive it with a fake); turns WhatsApp on. */
  whatsappSocket?: WhatsAppSocket;
  /** IMAP reconnect pacing (tests: fast). */
  emailReconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Session scheduler: poll interval; `loop: false` leaves it to the caller's runOnce() (tests with a controlled clock). */
  sessions?: { pollMs?: number; loop?: boolean; google?: Partial<GoogleCalendarOptions> };
  /** Run retention at start (default true; tests of other things turn it off to keep their data). */
  retention?: boolean;
  /** Document worker: `loop: false` leaves rendering to the caller's runOnce(). */
  documents?: { loop?: boolean };
}

export async function startService(app: App, options: ServiceOptions): Promise<Service> {
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  let telegram: TelegramChannel | undefined;
  const fileStore = createAttachmentStore({
    database: databaseFileStore(app.db.prisma),
    telegramDownload: (fileId) => {
      if (!telegram) throw new Error("A Telegram file cannot be fetched: the Telegram channel is not running");
      return telegram.downloadFile(fileId);
    },
    document: async (id) => {
      const doc = await app.db.prisma.document.findUnique({ where: { id }, select: { content: true, title: true, mimeType: true, status: true } });
      if (!doc?.content || doc.status !== "ready") throw new FileMissingError(`Document ${id} is not ready (or was erased)`);
      return { bytes: Buffer.from(doc.content), name: `${doc.title}.pdf`, mimeType: doc.mimeType };
    },
  });
  const defaultOrgId = app.config.defaultOrgId ?? app.flows.organisations.keys().next().value ?? "";
  const deps: DialogDeps = {
    prisma: app.db.prisma,
    hashKey: app.keys.hashKey,
    flows: app.flows,
    flowContext: (id) => app.flowContext(id),
    settings: {
      defaultOrgId,
      defaultLocale: app.config.defaultLocale,
      crisisPhrases: app.config.crisis.phrases,
      crisisHotline: app.config.crisis.hotline,
      inviteCodeTtlHours: app.config.inviteCodeTtlHours,
      closedCaseRelayDays: app.config.closedCaseRelayDays,
      dashboardLoginMinutes: app.config.dashboard.loginMinutes,
    },
    clock,
    log: log.child({ module: "dialogs" }),
  };
  let dispatcher: OutboxDispatcher | undefined;
  let sessions: SessionScheduler | undefined;
  let documents: DocumentWorker | undefined;
  const handleInbound = createInboundHandler(deps, {
    floodGuard: createFloodGuard({ burst: app.config.inboundLimit.burst, refillMs: 60_000 / app.config.inboundLimit.perMinute }),
    afterCommit: () => {
      dispatcher?.kick();
      sessions?.kick();
      documents?.kick();
    },
  });
  const states = channelStates(app.config);
  const senders: ChannelSender[] = [];

  const alertAdmins = createAdminAlerts({ prisma: app.db.prisma, contacts: app.config.adminContacts, log: log.child({ module: "alerts" }), onQueued: () => dispatcher?.kick() });
  const stateOf = (channel: ChannelState["channel"]) => states.find((s) => s.channel === channel)!;

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
      const state = stateOf("telegram");
      state.reason = `${state.reason} as @${telegram.botUsername}`;
      deps.settings.telegramLink = `https://t.me/${telegram.botUsername}`;
    } catch (error) {
      const state = states.find((s) => s.channel === "telegram")!;
      state.on = false;
      state.reason = `could not start: ${(error as Error).message} (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT)`;
      log.error({ err: (error as Error).message }, "telegram channel could not start; the rest of the service runs");
    }
  }

  let whatsapp: WhatsAppRuntime | undefined;
  if (app.config.whatsapp.enabled || options.whatsappSocket) {
    try {
      // Loaded only when the channel is on: baileys alone is some 65 MB of memory.
      const { startWhatsApp } = await import("./whatsappChannel.ts");
      whatsapp = await startWhatsApp({
        config: app.config.whatsapp,
        prisma: app.db.prisma,
        fileStore,
        handleInbound,
        alertAdmins,
        clock,
        log: log.child({ module: "whatsapp" }),
        socket: options.whatsappSocket,
      });
      senders.push(whatsapp.sender);
      const wa = whatsapp;
      Object.defineProperty(stateOf("whatsapp"), "reason", { get: () => wa.state(), enumerable: true });
      stateOf("whatsapp").on = true;
    } catch (error) {
      stateOf("whatsapp").reason = `could not start: ${(error as Error).message}`;
      log.error({ err: (error as Error).message }, "whatsapp channel could not start; the rest of the service runs");
    }
  }

  let email: EmailChannel | undefined;
  if (app.config.email.imap) {
    try {
      // Loaded only when the channel is on (imapflow, mailparser and nodemailer: some 30 MB).
      const { startEmailChannel } = await import("./emailChannel.ts");
      email = startEmailChannel({
        config: app.config.email,
        prisma: app.db.prisma,
        fileStore,
        handleInbound,
        log: log.child({ module: "email" }),
        afterQueue: () => dispatcher?.kick(),
        reconnect: options.emailReconnect,
      });
      senders.push(email.sender);
      const listener = email.listener;
      const state = stateOf("email");
      state.on = true;
      Object.defineProperty(state, "reason", { get: () => (listener.connected ? "listening (IMAP IDLE)" : "connecting to the IMAP server"), enumerable: true });
    } catch (error) {
      stateOf("email").reason = `could not start: ${(error as Error).message}`;
      log.error({ err: (error as Error).message }, "email channel could not start; the rest of the service runs");
    }
  }

  // Local mode mounts its page before the server listens and its sender must be in `senders` before the dispatcher exists.
  const http = buildHttpServer(app, { channels: () => states });
  mountDashboard(http, { app, clock, log });
  let local: LocalMode | undefined;
  if (shouldStartLocalMode(app.config, { whatsappSocket: Boolean(options.whatsappSocket) })) {
    try {
      local = await startLocalMode({ app, server: http, handleInbound, log: log.child({ module: "local" }), fileStore });
      senders.push(local.sender);
      const lm = local;
      Object.defineProperty(stateOf("local"), "reason", { get: () => `browser chat simulator with demo staff at ${lm.url}`, enumerable: true });
    } catch (error) {
      Object.assign(stateOf("local"), { on: false, reason: `could not start: ${(error as Error).message}` });
      log.error({ err: (error as Error).message }, "local mode could not start; the rest of the service runs");
    }
  } else {
    Object.assign(stateOf("local"), { on: false, reason: "another chat channel runs; set LOCAL_CHANNEL=1 to add the browser chat simulator" });
    await retireDemoStaff(app.db.prisma);
  }

  // The dispatcher paces and retries on the wall clock, not the service clock: its decisions (1 s per chat,
  // 30/s, retry_after, claim timeouts) are about the platform's real time, and outbox rows take their
  // nextAttemptAt from the database's own now(), which is that same wall clock.
  dispatcher = createOutboxDispatcher({
    prisma: app.db.prisma,
    senders,
    log: log.child({ module: "outbox" }),
    maxAttempts: app.config.outbox.maxAttempts,
    claimTimeoutMs: app.config.outbox.claimTimeoutMs,
    // WhatsApp's sender paces itself (typing, per-chat gaps); email has no per-chat limit worth keeping.
    onDead: (row) =>
      void alertAdmins({ key: `outbox-dead:${row.id}`, text: `A ${row.channel} message could not be delivered after every retry (${row.error.slice(0, 200)}). See the outbox row ${row.id}.` }),
    ...options.dispatcher,
    limits: {
      telegram: { perChatIntervalMs: app.config.telegram.perChatIntervalMs, perGroupIntervalMs: 3 * app.config.telegram.perChatIntervalMs, globalPerSecond: app.config.telegram.maxPerSecond },
      whatsapp: { perChatIntervalMs: 0, globalPerSecond: 1000 },
      email: { perChatIntervalMs: 0, globalPerSecond: 20 },
      local: { perChatIntervalMs: 0, globalPerSecond: 1000 },
      ...options.dispatcher?.limits,
    },
  });
  dispatcher.start();

  const google = app.config.google.credentials
    ? createGoogleCalendar({
        credentials: app.config.google.credentials,
        apiRoot: app.config.google.apiRoot,
        tokenUrl: app.config.google.tokenUrl,
        logger: log.child({ module: "google" }),
        ...options.sessions?.google,
      })
    : undefined;
  sessions = createSessionScheduler({
    prisma: app.db.prisma,
    flowContext: (id) => app.flowContext(id),
    calendars: createCalendarProvider({ prisma: app.db.prisma, google, credentialKind: app.config.google.credentials?.kind }),
    settings: app.config.meetings,
    log: log.child({ module: "sessions" }),
    alertAdmins,
    clock,
    afterQueue: () => dispatcher?.kick(),
    pollMs: options.sessions?.pollMs,
  });
  if (options.sessions?.loop !== false) sessions.start();
  // Retention once at start and then daily.
  const retention = async () => {
    try {
      const r = await runRetention(app.db.prisma, { now: clock(), days: app.config.retentionDays });
      if (r.cases || r.clients) log.info(r, "retention: anonymised closed cases past the retention period");
    } catch (error) {
      log.error({ err: (error as Error).message }, "retention run failed; it runs again tomorrow");
    }
  };
  const retentionTimer = setInterval(() => void retention(), 24 * 3600_000);
  retentionTimer.unref();
  if (options.retention !== false) void retention();
  documents = createDocumentWorker({ prisma: app.db.prisma, flowContext: (id) => app.flowContext(id), log: log.child({ module: "documents" }), clock, afterQueue: () => dispatcher?.kick() });
  if (options.documents?.loop !== false) documents.start();
  const stopTimer =
    options.deadlines === false
      ? () => {}
      : startDeadlineTimer(app, log.child({ module: "deadlines" }), app.config.deadlineCheckSeconds, clock, { afterQueue: () => dispatcher?.kick() });

  if (telegram?.webhookPath) {
    const tg = telegram;
    http.post(tg.webhookPath!, async (request, reply) => reply.code(await tg.handleWebhook(request.headers, request.body)).send());
  }
  await http.listen({ host: app.config.http.host, port: app.config.http.port });
  const address = http.server.address();
  const port = typeof address === "object" && address ? address.port : app.config.http.port;
  deps.settings.dashboardUrl = app.config.http.publicBaseUrl ?? `http://${app.config.http.host}:${port}`;

  return {
    http,
    port,
    dispatcher,
    sessions,
    documents,
    telegram,
    whatsapp,
    email,
    handleInbound,
    channels: () => states,
    async stop() {
      stopTimer();
      await http.close();
      await telegram?.stop();
      await email?.stop();
      await whatsapp?.stop();
      clearInterval(retentionTimer);
      await sessions!.stop();
      await documents!.stop();
      await dispatcher!.stop();
    },
  };
}
