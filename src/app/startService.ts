// Starts what the configuration asks for on an opened App: the chat channels, the outbox dispatcher,
// the deadline timer and the HTTP server (health, the channels' webhooks). main.ts and the tests both use it.
import type { FastifyInstance } from "fastify";
import type { ChannelModule, ChannelSeams, RunningChannel } from "../channels/channelModule.ts";
import { capabilitiesOf, channelModules, CHANNELS, planChannels, type Channel, type ChannelModules, type ChannelState } from "../channels/channelModules.ts";
import { createInboundHandler } from "../dialogs/handleInbound.ts";
import { createFloodGuard } from "../dialogs/floodGuard.ts";
import type { DialogDeps } from "../dialogs/dialogContext.ts";
import { buildHttpServer } from "../http/server.ts";
import { mountDashboard } from "../http/dashboard/dashboardRoutes.ts";
import type { Logger } from "../logger.ts";
import type { ChannelSender } from "../notify/channelSender.ts";
import { createOutboxDispatcher, type DispatcherOptions, type OutboxDispatcher } from "../notify/outboxDispatcher.ts";
import { startDeadlineTimer } from "../scheduling/deadlineTimer.ts";
import { databaseFileStore } from "../store/databaseFileStore.ts";
import { createAdminAlerts } from "../notify/adminAlerts.ts";
import { FileMissingError } from "../notify/fileStore.ts";
import { createAttachmentStore } from "./attachmentStore.ts";
import { runRetention } from "../store/retention.ts";
import { createDocumentWorker, type DocumentWorker } from "./documentWorker.ts";
import { createCalendarProvider } from "../scheduling/calendarProvider.ts";
import { createGoogleCalendar, type GoogleCalendarOptions } from "../scheduling/googleCalendar.ts";
import { createSessionScheduler, type SessionScheduler } from "../scheduling/sessionScheduler.ts";
import type { App } from "./openApp.ts";

/** Each started channel's running form, by id (service.email.listener in the email tests). */
type RunningChannels = { [M in ChannelModules as M["id"]]?: Awaited<ReturnType<M["start"]>> };

export interface Service extends RunningChannels {
  http: FastifyInstance;
  /** The port the HTTP server listens on. */
  port: number;
  dispatcher: OutboxDispatcher;
  sessions: SessionScheduler;
  documents: DocumentWorker;
  /** Hands a neutral message to the dialogs (what every channel does). */
  handleInbound: ReturnType<typeof createInboundHandler>;
  channels(): ChannelState[];
  stop(): Promise<void>;
}

/** Test seams for channels (a fake WhatsApp socket, fast IMAP reconnects) are declared by each channel. */
export interface ServiceOptions extends ChannelSeams {
  log: Logger;
  clock?: () => Date;
  /** Overrides for the dispatcher (tests: faster retries). */
  dispatcher?: Partial<Omit<DispatcherOptions, "prisma" | "senders" | "log">>;
  /** Start the deadline timer (default true). */
  deadlines?: boolean;
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
  const running = new Map<Channel, RunningChannel>();
  const fileStore = createAttachmentStore({
    database: databaseFileStore(app.db.prisma),
    channelDownload: (channel) => {
      if (!(CHANNELS as string[]).includes(channel)) return undefined;
      const download = running.get(channel as Channel)?.downloadFile;
      return download ? (fileId) => download(fileId) : null;
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
    capabilitiesOf,
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
  const states = planChannels(app.config, options);
  const senders: ChannelSender[] = [];

  const alertAdmins = createAdminAlerts({ prisma: app.db.prisma, contacts: app.config.adminContacts, log: log.child({ module: "alerts" }), onQueued: () => dispatcher?.kick() });

  // Channels may mount routes (local mode's page), so the server is built first; it listens once all is started.
  const http = buildHttpServer(app, { channels: () => states });
  mountDashboard(http, { app, clock, log });
  const realChannelsPlanned = states.filter((s) => s.on && !channelModules.find((m) => m.id === s.channel)!.standIn).map((s) => s.channel);
  for (const module of channelModules) {
    const state = states.find((s) => s.channel === module.id)!;
    if (!state.on) {
      const reason = await module.stayOff?.({ app });
      if (reason) state.reason = reason;
      continue;
    }
    try {
      const channel = await (module as ChannelModule).start({
        app,
        http,
        fileStore,
        handleInbound,
        alertAdmins,
        clock,
        log: log.child({ module: module.id }),
        kickOutbox: () => dispatcher?.kick(),
        seams: options,
        othersWanted: realChannelsPlanned.some((id) => id !== module.id),
      });
      running.set(module.id, channel);
      senders.push(channel.sender);
      Object.assign(deps.settings, channel.dialogSettings);
      Object.defineProperty(state, "reason", { get: () => channel.status(), enumerable: true });
      if (channel.webhook) {
        const { handle } = channel.webhook;
        http.post(channel.webhook.path, async (request, reply) => reply.code(await handle(request.headers, request.body)).send());
      }
    } catch (error) {
      const message = (error as Error).message;
      state.on = false;
      state.reason = `could not start: ${message}${module.startFailureHint ? ` (${module.startFailureHint})` : ""}`;
      log.error({ err: message }, `${module.logName} could not start; the rest of the service runs`);
    }
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
    onDead: (row) =>
      void alertAdmins({ key: `outbox-dead:${row.id}`, text: `A ${row.channel} message could not be delivered after every retry (${row.error.slice(0, 200)}). See the outbox row ${row.id}.` }),
    ...options.dispatcher,
    limits: {
      ...Object.fromEntries(channelModules.map((m) => [m.id, m.sendLimits(app.config)])),
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
    ...(Object.fromEntries(running) as RunningChannels),
    handleInbound,
    channels: () => states,
    async stop() {
      stopTimer();
      await http.close();
      for (const channel of running.values()) await channel.stop();
      clearInterval(retentionTimer);
      await sessions!.stop();
      await documents!.stop();
      await dispatcher!.stop();
    },
  };
}
