// Retention on a timer: closed cases past the retention period are anonymised, and people who never opened a case
// erased after their quiet period, once at start and then daily (src/store/retention.ts).
import type { Logger } from "../logger.ts";
import type { Prisma } from "../store/database.ts";
import { runRetention } from "../store/retention.ts";

/** Runs retention every day (and now, unless `runNow` is false); returns a stop function. */
export function startRetentionTimer(p: { prisma: Prisma; days: number; noCaseDays: number; clock: () => Date; log: Logger; runNow: boolean }): () => void {
  const retention = async () => {
    try {
      const r = await runRetention(p.prisma, { now: p.clock(), days: p.days, noCaseDays: p.noCaseDays });
      if (r.cases || r.clients || r.withoutCase) p.log.info(r, "retention: anonymised closed cases and erased people past their retention period");
    } catch (error) {
      p.log.error({ err: (error as Error).message }, "retention run failed; it runs again tomorrow");
    }
  };
  const timer = setInterval(() => void retention(), 24 * 3600_000);
  timer.unref();
  if (p.runNow) void retention();
  return () => clearInterval(timer);
}
