/**
 * A background job that polls the database: one pass at a time, a kick while a pass runs asks
 * for one more pass right after it, and between passes it sleeps `pollMs`.
 *
 * The outbox dispatcher, the session scheduler and the document worker all work this way; the
 * loop lives here once so that stopping, kicking and error handling behave the same in all three.
 */
export interface Job {
  /** Runs a pass now (joins the running one and asks for another after it). */
  runOnce(): Promise<void>;
  start(): void;
  /** Something new is waiting: run a pass soon instead of after the poll interval. */
  kick(): void;
  /** Stops polling and waits for the pass in flight. */
  stop(): Promise<void>;
}

export interface PollingLoop extends Job {
  /** True between start() and stop(). */
  readonly running: boolean;
}

export interface PollingLoopOptions {
  pass: () => Promise<void>;
  pollMs: number;
  /** Called when a pass throws; the loop keeps going. Leave out to let runOnce() reject. */
  onError?: (error: Error) => void;
}

export function pollingLoop(o: PollingLoopOptions): PollingLoop {
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | null = null;
  let again = false;

  function runPass(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          await o.pass();
        } while (again && running);
      } catch (error) {
        if (!o.onError) throw error;
        o.onError(error as Error);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  function schedule(ms: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      runPass()
        .catch(() => undefined) // without onError the caller of runOnce() sees it; the timer just goes on
        .finally(() => {
          if (running && !timer) schedule(o.pollMs);
        });
    }, ms);
  }

  return {
    runOnce: runPass,
    start() {
      running = true;
      schedule(0);
    },
    kick() {
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
    },
    get running() {
      return running;
    },
  };
}
