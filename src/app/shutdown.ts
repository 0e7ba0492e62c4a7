// How the service stops on SIGTERM (systemd, docker) or SIGINT (Ctrl-C): it stops taking new work, lets what is
// in flight finish (HTTP requests answered, a loop's pass done, channels closed), closes the database and
// exits 0, within a bound (exit 1 past it, well before systemd's TimeoutStopSec kills it). A second signal
// exits at once, unless it comes within a second of the first: Ctrl-C under `npm start` reaches the service twice
// (from the terminal, and forwarded by npm). A signal during start-up stops the start too (a start waiting for
// the database gives up).
import type { Logger } from "../logger.ts";

/** A second signal this soon after the first is the same request delivered twice (terminal and npm). */
const SAME_SIGNAL_MS = 1_000;

export interface Shutdown {
  /** Aborted once a stop is asked for: a start still waiting (for the database) gives up. */
  readonly signal: AbortSignal;
  /** Adds a step to the stop, named for the log; steps run last-added first (the service before the database it uses). */
  onStop(what: string, step: () => Promise<void>): void;
  /** The start in progress: a stop waits for it to settle, so whatever it opened is stopped too. */
  starting(start: Promise<unknown>): void;
  /** Asks for a stop (a signal's name, for the log). */
  request(reason: string): void;
}

export function createShutdown(o: { log: Logger; boundMs: number; exit: (code: number) => void; clock?: () => number }): Shutdown {
  const clock = o.clock ?? Date.now;
  const controller = new AbortController();
  const steps: { what: string; step: () => Promise<void> }[] = [];
  let start: Promise<unknown> = Promise.resolve();
  let askedAt = 0;
  /** The step running now, named when the bound passes. */
  let current = "the start in progress";

  const stop = async (): Promise<number> => {
    await start.catch(() => undefined);
    // The start's own continuation (adding its stop steps) runs before the steps are taken.
    await new Promise((resolve) => setImmediate(resolve));
    let code = 0;
    for (const { what, step } of steps.reverse()) {
      current = what;
      o.log.debug(`stopping: ${what}`);
      try {
        await step();
      } catch (error) {
        o.log.error({ err: (error as Error).message }, `${what} did not stop cleanly`);
        code = 1;
      }
    }
    return code;
  };

  return {
    signal: controller.signal,
    onStop: (what, step) => void steps.push({ what, step }),
    starting(p) {
      start = p;
    },
    request(reason) {
      if (controller.signal.aborted) {
        if (clock() - askedAt < SAME_SIGNAL_MS) return;
        o.log.warn(`${reason} again: exiting now, without waiting for work in flight`);
        o.exit(1);
        return;
      }
      askedAt = clock();
      o.log.info(`${reason}: stopping (finishing work in flight, at most ${Math.round(o.boundMs / 1000)} s)`);
      controller.abort();
      const bound = setTimeout(() => {
        o.log.error(`could not stop within ${Math.round(o.boundMs / 1000)} s (still waiting for ${current}): exiting without waiting longer`);
        o.exit(1);
      }, o.boundMs);
      void stop().then((code) => {
        clearTimeout(bound);
        o.log.info(`stopped in ${clock() - askedAt} ms`);
        o.exit(code);
      });
    },
  };
}
