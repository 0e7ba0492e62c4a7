// What /metrics tells (Prometheus text format, prom-client): inbound messages handled, kept to be handled later and
// refused, by channel and why, and how long handling took, counted where every channel hands its messages to the
// dialogs; and, read from the database at each scrape, the outbox's backlog and dead letters, the inbound messages
// waiting and dead, overdue steps by flow, documents still to render and whether the database answers. Node's own
// process metrics (memory, CPU, event loop lag) come along.
import { performance } from "node:perf_hooks";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { ZodError } from "zod";
import type { App } from "../../app/openApp.ts";
import { CHANNELS } from "../../channels/channelModules.ts";
import type { InboundMessage } from "../../channels/inboundMessage.ts";
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import type { BacklogEvent } from "../../dialogs/inboundBacklog.ts";
import type { KeepReason } from "../../store/inboundQueue.ts";
import { databaseAnswers, readBacklog } from "../../store/metricsQueries.ts";

/**
 * Why an inbound message was neither handled nor kept: flood (beyond the flood bound, far past any person's pace),
 * duplicate (delivered before), invalid (malformed), error (it could not even be kept: the channel was told to retry).
 */
export type RefusalReason = "flood" | "duplicate" | "invalid" | "error";
const REFUSAL_REASONS: RefusalReason[] = ["flood", "duplicate", "invalid", "error"];
const KEEP_REASONS: KeepReason[] = ["paced", "behind", "part", "failed"];

type InboundHandler = (msg: InboundMessage) => Promise<InboundOutcome>;

/** The service's metrics: wrappers that count, and the scrape. */
export interface ServiceMetrics {
  /** Wraps the dialogs' handler: each message is counted as handled (and timed), kept (and why) or refused (and why), by channel. */
  countInbound(handler: InboundHandler): InboundHandler;
  /** Counts what happens to kept messages later: handled, tried again, given up as a dead letter. */
  countBacklog(event: BacklogEvent): void;
  /** The exposition text, with the database's gauges read now. */
  scrape(): Promise<{ contentType: string; text: string }>;
}

let processRegistry: Registry | undefined;

/** Node's process metrics, collected once per process however many services a test starts. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const channelOf = (msg: unknown): string => {
  const channel = (msg as { channel?: unknown } | null)?.channel;
  return typeof channel === "string" && (CHANNELS as string[]).includes(channel) ? channel : "unknown";
};

/** Creates the metrics of one running service (its own registry, so two services in one process do not mix). */
export function createServiceMetrics(app: App, options: { clock?: () => Date } = {}): ServiceMetrics {
  const clock = options.clock ?? (() => new Date());
  const registry = new Registry();
  // The database's gauges, written out only when the database answered (an unlabelled gauge would read 0 otherwise).
  const backlogRegistry = new Registry();
  const handled = new Counter({
    name: "pintu_inbound_handled_total",
    help: "Inbound messages handled by the dialogs, at once or later from the inbound queue, by channel.",
    labelNames: ["channel"],
    registers: [registry],
  });
  const kept = new Counter({
    name: "pintu_inbound_kept_total",
    help: "Inbound messages kept to be handled later, in order, by channel and reason: paced (over the sender's pace), behind (after an earlier kept message of the chat), part (an over-long message, kept as parts), failed (handling failed; retried).",
    labelNames: ["channel", "reason"],
    registers: [registry],
  });
  const refused = new Counter({
    name: "pintu_inbound_refused_total",
    help: "Inbound messages neither handled nor kept, by channel and reason: flood (beyond the flood bound), duplicate (delivered before), invalid (malformed), error (could not even be kept).",
    labelNames: ["channel", "reason"],
    registers: [registry],
  });
  const retried = new Counter({
    name: "pintu_inbound_retries_total",
    help: "Kept inbound messages whose handling failed again and wait for another attempt, by channel.",
    labelNames: ["channel"],
    registers: [registry],
  });
  const died = new Counter({
    name: "pintu_inbound_dead_letters_total",
    help: "Inbound messages given up after their last attempt (kept as dead letters), by channel.",
    labelNames: ["channel"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "pintu_inbound_handling_seconds",
    help: "Time from a channel handing a message to the dialogs until its handling committed, by channel (messages handled at once only).",
    labelNames: ["channel"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const outboxUnsent = new Gauge({
    name: "pintu_outbox_unsent",
    help: "Outbox rows waiting to be sent (pending or being sent), by channel.",
    labelNames: ["channel"],
    registers: [backlogRegistry],
  });
  const oldestUnsent = new Gauge({
    name: "pintu_outbox_oldest_unsent_age_seconds",
    help: "Age of the oldest outbox row not sent yet; 0 when none waits.",
    registers: [backlogRegistry],
  });
  const deadLetters = new Gauge({
    name: "pintu_outbox_dead",
    help: 'Outbox rows given up (status "dead"), by channel.',
    labelNames: ["channel"],
    registers: [backlogRegistry],
  });
  const inboundWaiting = new Gauge({
    name: "pintu_inbound_waiting",
    help: "Inbound messages kept and waiting to be handled, by channel.",
    labelNames: ["channel"],
    registers: [backlogRegistry],
  });
  const inboundDead = new Gauge({
    name: "pintu_inbound_dead",
    help: "Inbound dead letters (messages whose handling failed every attempt), by channel.",
    labelNames: ["channel"],
    registers: [backlogRegistry],
  });
  const overdueSteps = new Gauge({
    name: "pintu_overdue_steps",
    help: "Steps of open cases past their deadline and not done, by flow.",
    labelNames: ["flow"],
    registers: [backlogRegistry],
  });
  const documentsPending = new Gauge({ name: "pintu_documents_pending", help: "Documents waiting to be rendered.", registers: [backlogRegistry] });
  const databaseUp = new Gauge({
    name: "pintu_database_up",
    help: "1 when the database answered at this scrape, else 0 (and the database's gauges are left out).",
    registers: [registry],
  });

  // Every series exists from the start at 0, so rate() and alerts see the first message.
  for (const channel of CHANNELS) {
    handled.inc({ channel }, 0);
    retried.inc({ channel }, 0);
    died.inc({ channel }, 0);
    for (const reason of REFUSAL_REASONS) refused.inc({ channel, reason }, 0);
    for (const reason of KEEP_REASONS) kept.inc({ channel, reason }, 0);
  }

  return {
    countInbound(handler) {
      return async (msg) => {
        const channel = channelOf(msg);
        const started = performance.now();
        let outcome: InboundOutcome;
        try {
          outcome = await handler(msg);
        } catch (error) {
          refused.inc({ channel, reason: error instanceof ZodError ? "invalid" : "error" });
          throw error;
        }
        if (outcome.duplicate) refused.inc({ channel, reason: "duplicate" });
        else if (outcome.cut) refused.inc({ channel, reason: "flood" });
        else if (outcome.kept) kept.inc({ channel, reason: outcome.kept });
        else {
          handled.inc({ channel });
          latency.observe({ channel }, (performance.now() - started) / 1000);
        }
        return outcome;
      };
    },
    countBacklog(event) {
      const channel = channelOf(event);
      if (event.kind === "handled_later") handled.inc({ channel });
      else if (event.kind === "retry") retried.inc({ channel });
      else died.inc({ channel });
    },
    async scrape() {
      backlogRegistry.resetMetrics();
      const backlog = (await databaseAnswers(app.db.raw))
        ? await readBacklog(app.db.raw, { now: clock(), flowIds: [...app.flows.flows.keys()] }).catch(() => undefined)
        : undefined;
      databaseUp.set(backlog ? 1 : 0);
      if (backlog) {
        for (const channel of CHANNELS) {
          outboxUnsent.set({ channel }, backlog.outboxUnsent.find((r) => r.channel === channel)?.rows ?? 0);
          deadLetters.set({ channel }, backlog.deadLetters.find((r) => r.channel === channel)?.rows ?? 0);
          inboundWaiting.set({ channel }, backlog.inboundWaiting.find((r) => r.channel === channel)?.rows ?? 0);
          inboundDead.set({ channel }, backlog.inboundDead.find((r) => r.channel === channel)?.rows ?? 0);
        }
        oldestUnsent.set(backlog.oldestUnsentAgeSeconds);
        for (const { flowId, steps } of backlog.overdueSteps) overdueSteps.set({ flow: flowId }, steps);
        documentsPending.set(backlog.documentsPending);
      }
      const parts = [registry, ...(backlog ? [backlogRegistry] : []), processMetrics()];
      const text = (await Promise.all(parts.map((r) => r.metrics()))).map((part) => part.trimEnd()).join("\n\n");
      return { contentType: registry.contentType, text: `${text}\n` };
    },
  };
}
