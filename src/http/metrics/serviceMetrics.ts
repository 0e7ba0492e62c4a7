// What /metrics tells (Prometheus text format, prom-client): inbound messages handled and refused by channel and
// how long handling took, counted where every channel hands its messages to the dialogs; and, read from the
// database at each scrape, the outbox's backlog, dead letters, overdue steps by flow, documents still to render
// and whether the database answers. Node's own process metrics (memory, CPU, event loop lag) come along.
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { ZodError } from "zod";
import type { App } from "../../app/openApp.ts";
import { CHANNELS } from "../../channels/channelModules.ts";
import type { InboundMessage } from "../../channels/inboundMessage.ts";
import type { FloodGuard } from "../../dialogs/floodGuard.ts";
import { MAX_INBOUND_CHARS, type InboundOutcome } from "../../dialogs/handleInbound.ts";
import { databaseAnswers, readBacklog } from "../../store/metricsQueries.ts";

/** Why an inbound message was not handled as a new message. */
export type RefusalReason = "flood" | "too_long" | "duplicate" | "invalid" | "error";
const REFUSAL_REASONS: RefusalReason[] = ["flood", "too_long", "duplicate", "invalid", "error"];

type InboundHandler = (msg: InboundMessage) => Promise<InboundOutcome>;

/** The service's metrics: wrappers that count, and the scrape. */
export interface ServiceMetrics {
  /** Wraps the dialogs' handler: each message is counted as handled or refused (with why), by channel, and timed. */
  countInbound(handler: InboundHandler): InboundHandler;
  /** Wraps the flood guard the handler uses, so a message it stops is counted as refused for "flood". */
  countFloodRefusals(guard: FloodGuard): FloodGuard;
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
  const handled = new Counter({ name: "pintu_inbound_handled_total", help: "Inbound messages handled by the dialogs, by channel.", labelNames: ["channel"], registers: [registry] });
  const refused = new Counter({
    name: "pintu_inbound_refused_total",
    help: "Inbound messages not handled, by channel and reason: flood (over the sender's limit), too_long, duplicate (delivered before), invalid (malformed), error (handling failed).",
    labelNames: ["channel", "reason"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "pintu_inbound_handling_seconds",
    help: "Time from a channel handing a message to the dialogs until its handling committed, by channel (handled messages only).",
    labelNames: ["channel"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const outboxUnsent = new Gauge({ name: "pintu_outbox_unsent", help: "Outbox rows waiting to be sent (pending or being sent), by channel.", labelNames: ["channel"], registers: [backlogRegistry] });
  const oldestUnsent = new Gauge({ name: "pintu_outbox_oldest_unsent_age_seconds", help: "Age of the oldest outbox row not sent yet; 0 when none waits.", registers: [backlogRegistry] });
  const deadLetters = new Gauge({ name: "pintu_outbox_dead", help: 'Outbox rows given up (status "dead"), by channel.', labelNames: ["channel"], registers: [backlogRegistry] });
  const overdueSteps = new Gauge({ name: "pintu_overdue_steps", help: "Steps of open cases past their deadline and not done, by flow.", labelNames: ["flow"], registers: [backlogRegistry] });
  const documentsPending = new Gauge({ name: "pintu_documents_pending", help: "Documents waiting to be rendered.", registers: [backlogRegistry] });
  const databaseUp = new Gauge({ name: "pintu_database_up", help: "1 when the database answered at this scrape, else 0 (and the database's gauges are left out).", registers: [registry] });

  // Every series exists from the start at 0, so rate() and alerts see the first message.
  for (const channel of CHANNELS) {
    handled.inc({ channel }, 0);
    for (const reason of REFUSAL_REASONS) refused.inc({ channel, reason }, 0);
  }

  /** What the flood guard said about the message whose handling is under way (one per countInbound call). */
  const turns = new AsyncLocalStorage<{ refusedBy?: RefusalReason }>();

  return {
    countInbound(handler) {
      return async (msg) => {
        const channel = channelOf(msg);
        const turn: { refusedBy?: RefusalReason } = {};
        const started = performance.now();
        let outcome: InboundOutcome;
        try {
          outcome = await turns.run(turn, () => handler(msg));
        } catch (error) {
          refused.inc({ channel, reason: error instanceof ZodError ? "invalid" : "error" });
          throw error;
        }
        const reason: RefusalReason | undefined =
          turn.refusedBy ?? (outcome.duplicate ? "duplicate" : (msg.text?.length ?? 0) > MAX_INBOUND_CHARS ? "too_long" : undefined);
        if (reason) refused.inc({ channel, reason });
        else {
          handled.inc({ channel });
          latency.observe({ channel }, (performance.now() - started) / 1000);
        }
        return outcome;
      };
    },
    countFloodRefusals(guard) {
      return {
        check(key, now) {
          const verdict = guard.check(key, now);
          const turn = turns.getStore();
          if (verdict !== "handle" && turn) turn.refusedBy = "flood";
          return verdict;
        },
      };
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
