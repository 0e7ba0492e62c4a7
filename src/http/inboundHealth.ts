// /healthz's account of inbound messages: how many wait to be handled (kept over a sender's pace or after a failure)
// and how many were given up as dead letters, per channel, so a message the service could not handle is seen by
// whoever watches the service, not only in the log.
import type { App } from "../app/openApp.ts";
import { inboundQueueByChannel } from "../store/inboundQueue.ts";

export interface InboundHealth {
  /** Messages kept and waiting their turn. */
  waiting: number;
  /** Messages whose handling failed every attempt (dead letters); ok is false while there are any. */
  deadLetters: number;
  ok: boolean;
  /** When the latest dead letter was given up, if any. */
  lastDeadAt: string | null;
  byChannel: { channel: string; waiting: number; deadLetters: number }[];
}

/** The inbound queue now, or null when the database does not answer (the database entry says why). */
export async function inboundHealth(app: App): Promise<InboundHealth | null> {
  const rows = await inboundQueueByChannel(app.db.prisma).catch(() => null);
  if (!rows) return null;
  const deadLetters = rows.reduce((n, r) => n + r.dead, 0);
  const lastDead = rows.map((r) => r.lastDiedAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
  return {
    waiting: rows.reduce((n, r) => n + r.waiting, 0),
    deadLetters,
    ok: deadLetters === 0,
    lastDeadAt: lastDead ? new Date(lastDead).toISOString() : null,
    byChannel: rows.map((r) => ({ channel: r.channel, waiting: r.waiting, deadLetters: r.dead })),
  };
}
