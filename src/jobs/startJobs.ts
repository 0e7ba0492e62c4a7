// Everything that runs on a timer, started from one place: the outbox dispatcher, the session scheduler,
// retention, the document worker and the deadline timer (morning summaries, escalations). startService
// calls this once the channels are up, since the dispatcher sends through their senders.
import type { App } from "../app/openApp.ts";
import { channelModules } from "../channels/channelModules.ts";
import type { Logger } from "../logger.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import type { ChannelSender } from "../notify/channelSender.ts";
import type { FileStore } from "../notify/fileStore.ts";
import { createOutboxDispatcher, type DispatcherOptions, type OutboxDispatcher } from "../notify/outboxDispatcher.ts";
import { createCalendarProvider } from "../scheduling/calendarProvider.ts";
import { createGoogleCalendar, type GoogleCalendarOptions } from "../scheduling/googleCalendar.ts";
import { createSessionScheduler, type SessionScheduler } from "../scheduling/sessionScheduler.ts";
import { startDeadlineTimer, type DeadlineTimer } from "./deadlineTimer.ts";
import { createDocumentWorker, type DocumentWorker } from "./documentWorker.ts";
import { forgetOnDisk } from "../store/forgetOnDisk.ts";
import { startErasureClock } from "./erasureClock.ts";
import { createPurgeWorker, mailboxPurgerFor } from "./purgeWorker.ts";
import type { Job } from "./pollingLoop.ts";
import { startRetentionTimer } from "./retentionTimer.ts";

export interface JobOptions {
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
  /** What erasures leave to do outside the database (the mailbox): poll interval (a commit kicks it anyway). */
  purges?: { pollMs?: number };
}

export interface Jobs {
  dispatcher: OutboxDispatcher;
  sessions: SessionScheduler;
  documents: DocumentWorker;
  /** The deadline timer (summaries, escalations); absent when the options turned it off. */
  deadlines?: DeadlineTimer;
  /** Purges an erased client's mails from the mailbox after the erasure's commit. */
  purges: Job;
  /** Something was committed: the dispatcher, the scheduler, the document worker and the purges look now. */
  kick(): void;
  /** Stops the timers, then waits for the loops to finish what they hold. */
  stop(): Promise<void>;
}

export function startJobs(
  app: App,
  p: { senders: ChannelSender[]; alertAdmins: AlertAdmins; clock: () => Date; log: Logger; options: JobOptions; fileStore?: FileStore },
): Jobs {
  const { log, clock, options } = p;
  // The dispatcher paces and retries on the wall clock, not the service clock: its decisions (1 s per chat,
  // 30/s, retry_after, claim timeouts) are about the platform's real time, and outbox rows take their
  // nextAttemptAt from the database's own now(), which is that same wall clock.
  const outboxSettings = app.config.outbox;
  const dispatcher = createOutboxDispatcher({
    prisma: app.db.prisma,
    senders: p.senders,
    log: log.child({ module: "outbox" }),
    maxAttempts: outboxSettings.maxAttempts,
    claimTimeoutMs: outboxSettings.claimTimeoutMs,
    onDead: (row) =>
      void p.alertAdmins({
        key: `outbox-dead:${row.id}`,
        text: `A ${row.channel} message could not be delivered after every retry (${row.error.slice(0, 200)}). See the outbox row ${row.id}.`,
      }),
    ...options.dispatcher,
    limits: {
      ...Object.fromEntries(channelModules.map((m) => [m.id, m.sendLimits(app.config)])),
      ...options.dispatcher?.limits,
    },
  });
  dispatcher.start();
  const afterQueue = () => dispatcher.kick();

  const google = app.config.google.credentials
    ? createGoogleCalendar({
        credentials: app.config.google.credentials,
        apiRoot: app.config.google.apiRoot,
        tokenUrl: app.config.google.tokenUrl,
        logger: log.child({ module: "google" }),
        ...options.sessions?.google,
      })
    : undefined;
  const sessions = createSessionScheduler({
    prisma: app.db.prisma,
    flowContext: (id) => app.flowContext(id),
    calendars: createCalendarProvider({ prisma: app.db.prisma, google, credentialKind: app.config.google.credentials?.kind }),
    settings: app.config.meetings,
    log: log.child({ module: "sessions" }),
    alertAdmins: p.alertAdmins,
    clock,
    afterQueue,
    pollMs: options.sessions?.pollMs,
  });
  if (options.sessions?.loop !== false) sessions.start();

  const stopRetention = startRetentionTimer({
    prisma: app.db.prisma,
    days: app.config.retentionDays,
    noCaseDays: app.config.retentionNoCaseDays,
    clock,
    log,
    runNow: options.retention !== false,
  });

  const documents = createDocumentWorker({
    prisma: app.db.prisma,
    flowContext: (id) => app.flowContext(id),
    log: log.child({ module: "documents" }),
    clock,
    afterQueue,
    fileStore: p.fileStore,
  });
  if (options.documents?.loop !== false) documents.start();

  const purges = createPurgeWorker({
    prisma: app.db.prisma,
    purger: mailboxPurgerFor(app.config.email),
    forgetOnDisk: () => forgetOnDisk(app.db),
    log: log.child({ module: "purges" }),
    alertAdmins: p.alertAdmins,
    clock,
    pollMs: options.purges?.pollMs,
  });
  purges.start();

  const stopErasureClock = startErasureClock({
    prisma: app.db.prisma,
    flows: app.flows,
    defaultOrgId: app.config.defaultOrgId,
    escalateAfterHours: app.config.dataProtection.escalateAfterHours,
    alertAdmins: p.alertAdmins,
    clock,
    log: log.child({ module: "erasure-clock" }),
    everyMs: app.config.deadlineCheckSeconds * 1000,
    afterQueue,
  });

  const deadlines =
    options.deadlines === false
      ? undefined
      : startDeadlineTimer(app, log.child({ module: "deadlines" }), app.config.deadlineCheckSeconds, clock, { afterQueue });

  return {
    dispatcher,
    sessions,
    documents,
    deadlines,
    purges,
    kick() {
      dispatcher.kick();
      sessions.kick();
      documents.kick();
      purges.kick();
    },
    async stop() {
      deadlines?.stop();
      stopRetention();
      stopErasureClock();
      await sessions.stop();
      await documents.stop();
      await purges.stop();
      await dispatcher.stop();
    },
  };
}
