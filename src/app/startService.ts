// Starts what the configuration asks for on an opened App: the chat channels, the background jobs (outbox
// dispatcher, sessions, documents, deadlines, retention: src/jobs/startJobs.ts) and the HTTP server (health,
// the channels' webhooks, the dashboard). main.ts and the tests both use it.
import type { FastifyInstance } from "fastify";
import type { ChannelSeams } from "../channels/channelModule.ts";
import type { ChannelStarter, RunningChannel } from "../channels/channelStart.ts";
import { channelStarters, type ChannelStarters } from "../channels/channelStarters.ts";
import { channelModules, CHANNELS, planChannels, type Channel, type ChannelState } from "../channels/channelModules.ts";
import { createInboundHandler, type InboundOutcome } from "../dialogs/handleInbound.ts";
import type { BacklogRetry, BacklogWorker } from "../dialogs/inboundBacklog.ts";
import { createInboundPace } from "../dialogs/inboundPace.ts";
import type { InboundMessage } from "../channels/inboundMessage.ts";
import type { DialogDeps } from "../dialogs/dialogContext.ts";
import { buildHttpServer } from "../http/server.ts";
import { logRequests } from "../http/accessLog.ts";
import { mountMetrics } from "../http/metrics/metricsRoute.ts";
import { createServiceMetrics } from "../http/metrics/serviceMetrics.ts";
import { calendarGapsOf } from "../http/calendarHealth.ts";
import { describeCalendarGap } from "../core/calendarCoverage.ts";
import { mountDashboard } from "../http/dashboard/dashboardRoutes.ts";
import type { Logger } from "../logger.ts";
import type { ChannelSender } from "../notify/channelSender.ts";
import type { OutboxDispatcher } from "../notify/outboxDispatcher.ts";
import { databaseFileStore } from "../store/databaseFileStore.ts";
import { createAdminAlerts } from "../notify/adminAlerts.ts";
import { FileMissingError } from "../notify/fileStore.ts";
import { createAttachmentStore } from "./attachmentStore.ts";
import { personalDataCopy } from "./personalDataCopy.ts";
import type { DeadlineTimer } from "../jobs/deadlineTimer.ts";
import type { DocumentWorker } from "../jobs/documentWorker.ts";
import { startJobs, type JobOptions, type Jobs } from "../jobs/startJobs.ts";
import type { SessionScheduler } from "../scheduling/sessionScheduler.ts";
import { warnOfDevelopmentKeys } from "../privacy/index.ts";
import { waitingCount } from "../store/inboundQueue.ts";
import { FLOOD_BOUND } from "../dialogs/inboundBacklog.ts";
import type { App } from "./openApp.ts";
import { dialogDepsOf } from "./dialogDeps.ts";

/** Each started channel's running form, by id (service.email.listener in the email tests). */
type RunningChannels = { [Id in Channel]?: Awaited<ReturnType<ChannelStarters[Id]["start"]>> };

export interface Service extends RunningChannels {
  http: FastifyInstance;
  /** The port the HTTP server listens on. */
  port: number;
  dispatcher: OutboxDispatcher;
  sessions: SessionScheduler;
  documents: DocumentWorker;
  /** The deadline timer, when started: its finished passes are what tests wait for. */
  deadlines?: DeadlineTimer;
  /** Hands a neutral message to the dialogs (what every channel does). */
  handleInbound(msg: InboundMessage): Promise<InboundOutcome>;
  /** Handles the inbound messages kept for later (over a sender's pace, or whose handling failed) as they come due. */
  inboundBacklog: BacklogWorker;
  channels(): ChannelState[];
  stop(): Promise<void>;
}

/**
 * Test seams for channels (a fake WhatsApp socket, fast IMAP reconnects) are declared by each channel; the
 * jobs' (faster retries, loops left to the test's runOnce(), no retention) by src/jobs/startJobs.ts.
 */
export interface ServiceOptions extends ChannelSeams, JobOptions {
  log: Logger;
  clock?: () => Date;
  /** Kept inbound messages: retry spacing and polling (tests: faster), and the flood bound (tests: lower). */
  inbound?: BacklogRetry & { floodBound?: number };
}

export async function startService(app: App, options: ServiceOptions): Promise<Service> {
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  // Development keys beside the data are for trying things out: say so in the service's own log.
  if (app.keys.development) warnOfDevelopmentKeys(log, app.keys.development);
  // An upgrade sealed chat addresses an older release kept in clear: say how many, and which rows it could not.
  const sealed = Object.entries(app.addressesSealed.sealed).filter(([, n]) => n > 0);
  if (sealed.length > 0) log.info({ sealed: Object.fromEntries(sealed) }, "chat addresses stored in clear by an older release are now encrypted");
  for (const f of app.addressesSealed.failed)
    log.warn(
      { model: f.model },
      `a chat address could not be encrypted (${f.reason}: most likely a copy of a row written meanwhile; the next start tries again)`,
    );
  // Holidays missing for the days ahead would make them count as working days: say so first thing.
  for (const gap of calendarGapsOf(app, clock()))
    log.warn({ orgId: gap.orgId, year: gap.year, reason: gap.reason }, `working calendar: ${describeCalendarGap(gap)}`);
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
    dataCopy: (personId) => personalDataCopy(app, { personId, now: clock() }),
    // A file someone sent is counted against their limit before it is kept: past the flood bound, where their
    // message is not kept either, neither is the file.
    admit: async (from) => (await waitingCount(app.db.prisma, from)) < (options.inbound?.floodBound ?? FLOOD_BOUND),
  });
  const deps: DialogDeps = dialogDepsOf(app, { clock, log: log.child({ module: "dialogs" }) });
  // The jobs start once the channels are up (the dispatcher sends through their senders); until then a kick finds nothing to wake.
  let jobs: Jobs | undefined;
  const alertAdmins = createAdminAlerts({
    prisma: app.db.prisma,
    contacts: app.config.adminContacts,
    log: log.child({ module: "alerts" }),
    onQueued: () => jobs?.dispatcher.kick(),
  });
  // Counted here, where every channel hands its messages to the dialogs (handled, kept or refused and why, latency),
  // and as the kept ones are handled later.
  const metrics = createServiceMetrics(app, { clock });
  const { floodBound, ...retry } = options.inbound ?? {};
  const inbound = createInboundHandler(deps, {
    pace: createInboundPace({ burst: app.config.inboundLimit.burst, refillMs: 60_000 / app.config.inboundLimit.perMinute }),
    floodBound,
    retry,
    alertAdmins,
    observe: (event) => metrics.countBacklog(event),
    afterCommit: () => jobs?.kick(),
  });
  const handleInbound = metrics.countInbound((msg) => inbound.handle(msg));
  const states = planChannels(app.config, options);
  const senders: ChannelSender[] = [];

  // Channels may mount routes (local mode's page), so the server is built first; it listens once all is started.
  const http = buildHttpServer(app, { clock, channels: () => states });
  logRequests(http, log.child({ module: "http" }));
  mountMetrics(http, { metrics, token: app.config.metricsToken });
  mountDashboard(http, { app, clock, log });
  const realChannelsPlanned = states.filter((s) => s.on && !channelModules.find((m) => m.id === s.channel)!.standIn).map((s) => s.channel);
  for (const module of channelModules) {
    const state = states.find((s) => s.channel === module.id)!;
    const starter: ChannelStarter = channelStarters[module.id];
    if (!state.on) {
      const reason = await starter.stayOff?.({ app });
      if (reason) state.reason = reason;
      continue;
    }
    try {
      const channel = await starter.start({
        app,
        http,
        fileStore,
        handleInbound,
        alertAdmins,
        clock,
        log: log.child({ module: module.id }),
        kickOutbox: () => jobs?.dispatcher.kick(),
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

  jobs = startJobs(app, { senders, alertAdmins, clock, log, options, fileStore });
  // Messages kept before a restart (or while the channels started) are handled from now on.
  inbound.backlog.start();

  await http.listen({ host: app.config.http.host, port: app.config.http.port });
  const address = http.server.address();
  const port = typeof address === "object" && address ? address.port : app.config.http.port;
  deps.settings.dashboardUrl = app.config.http.publicBaseUrl ?? `http://${app.config.http.host}:${port}`;

  return {
    http,
    port,
    dispatcher: jobs.dispatcher,
    sessions: jobs.sessions,
    documents: jobs.documents,
    deadlines: jobs.deadlines,
    ...(Object.fromEntries(running) as RunningChannels),
    handleInbound,
    inboundBacklog: inbound.backlog,
    channels: () => states,
    async stop() {
      await http.close();
      for (const channel of running.values()) await channel.stop();
      await inbound.backlog.stop();
      await jobs!.stop();
    },
  };
}
