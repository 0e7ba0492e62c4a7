// Start-up with the database not answering yet (PostgreSQL still starting after a reboot, a network link
// coming up): instead of exiting, try again with a growing pause (1 s, 2 s, 4 s ... at most 30 s) until it
// answers or a stop is asked for. One line when it first fails, one when the cause changes, one every five
// minutes while it lasts, and one when it answers; any other failure (a refused password, a bad migration)
// ends the start at once, since waiting would not mend it.
import type { Logger } from "../logger.ts";
import type { DatabaseTarget } from "../store/databaseTarget.ts";
import { unreachableCause } from "../store/databaseOutage.ts";

/** Thrown when a stop was asked for while the start waited for the database. */
export class StartAbortedError extends Error {
  constructor() {
    super("start-up stopped while waiting for the database");
    this.name = "StartAbortedError";
  }
}

export interface RetryTiming {
  firstMs: number;
  maxMs: number;
  /** How often a lasting outage is mentioned again. */
  remindEveryMs: number;
}

const TIMING: RetryTiming = { firstMs: 1_000, maxMs: 30_000, remindEveryMs: 5 * 60_000 };

/** Runs `open` until it does not fail for an unreachable database; returns what it opened. */
export async function openWhenReachable<T>(
  open: () => Promise<T>,
  o: { target: DatabaseTarget; log: Logger; signal: AbortSignal; timing?: Partial<RetryTiming>; clock?: () => number },
): Promise<T> {
  const timing = { ...TIMING, ...o.timing };
  const clock = o.clock ?? Date.now;
  const firstAt = clock();
  let tries = 0;
  let lastCause = "";
  let remindedAt = firstAt;
  for (;;) {
    if (o.signal.aborted) throw new StartAbortedError();
    tries++;
    try {
      const opened = await open();
      if (tries > 1) o.log.info({ tries }, `database reachable after ${Math.round((clock() - firstAt) / 1000)} s (${tries} tries): starting`);
      return opened;
    } catch (error) {
      const cause = unreachableCause(error, o.target);
      if (!cause) throw error;
      const waitMs = Math.min(timing.firstMs * 2 ** (tries - 1), timing.maxMs);
      if (tries === 1) {
        o.log.error({ cause, retryInMs: waitMs }, `database unreachable at start: ${cause}. Trying again until it answers (SIGTERM or Ctrl-C stops)`);
      } else if (cause !== lastCause) {
        o.log.error({ cause, tries }, `database still unreachable, now: ${cause}`);
      } else if (clock() - remindedAt >= timing.remindEveryMs) {
        remindedAt = clock();
        o.log.error({ cause, tries }, `database still unreachable after ${Math.round((clock() - firstAt) / 60_000)} min: ${cause}`);
      }
      lastCause = cause;
      await pause(waitMs, o.signal);
    }
  }
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
