// Whether the database answers, said once per change. During a PostgreSQL outage every background loop
// (outbox, sessions, documents, deadlines, kept messages) fails on each pass, about once a second each; the
// log would fill with the same many-line Prisma excerpt. Instead the logger hands each warning or error to
// screen(): one that says the database cannot be reached is kept out of the log and checked with a probe
// (SELECT 1), and only the changes are written: "database unreachable: <cause>" once, "database back after
// N s" once. Other failures are logged as before. The loops themselves go on trying, so work resumes on its
// own when the database is back.
import type { Logger } from "../logger.ts";
import type { DatabaseTarget } from "../store/databaseTarget.ts";
import { unreachableCause } from "../store/databaseOutage.ts";

export interface DatabaseWatchState {
  reachable: boolean;
  /** Since when it is in this state. */
  since: Date;
  /** Why it cannot be reached (when it cannot). */
  cause?: string;
}

export interface DatabaseWatch {
  /**
   * A warning or error line's `err` (text or error): true when it says the database cannot be reached, so the
   * caller leaves the line out (the watch says it once instead).
   */
  screen(err: unknown): boolean;
  /** Starts watching through `probe` (a query that throws when the database does not answer). */
  start(probe: () => Promise<unknown>, log: Logger): void;
  stop(): void;
  state(): DatabaseWatchState;
}

export interface DatabaseWatchOptions {
  target: DatabaseTarget;
  /** Probe interval while the database answers (an outage no loop noticed yet), and while it does not. */
  upEveryMs?: number;
  downEveryMs?: number;
  /** A probe with no answer within this long counts as unreachable (a server that drops packets). */
  probeTimeoutMs?: number;
  clock?: () => Date;
}

/** A watch on the database; on SQLite (a file, nothing to reach) it never screens a line out. */
export function createDatabaseWatch(o: DatabaseWatchOptions): DatabaseWatch {
  const clock = o.clock ?? (() => new Date());
  const upEveryMs = o.upEveryMs ?? 10_000;
  const downEveryMs = o.downEveryMs ?? 2_000;
  const probeTimeoutMs = o.probeTimeoutMs ?? 5_000;
  let current: DatabaseWatchState = { reachable: true, since: clock() };
  let probe: (() => Promise<unknown>) | undefined;
  let log: Logger | undefined;
  let timer: NodeJS.Timeout | undefined;
  let probing: Promise<void> | undefined;
  /** Lines screened out while the database was thought reachable: told about if the probe finds it answering. */
  let suspect: { lines: number; cause: string } | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!probe) return;
    timer = setTimeout(() => void check(), ms);
    timer.unref();
  };

  const answer = async (): Promise<string | null> => {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe!(),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new Error(`no answer within ${Math.round(probeTimeoutMs / 1000)} s`)), probeTimeoutMs);
        }),
      ]);
      return null;
    } catch (error) {
      return unreachableCause(error, o.target) ?? (error as Error).message.split("\n").filter(Boolean).at(-1) ?? "no answer";
    } finally {
      clearTimeout(timeout);
    }
  };

  const check = (): Promise<void> => {
    probing ??= (async () => {
      const cause = await answer();
      const now = clock();
      if (cause && current.reachable) {
        current = { reachable: false, since: now, cause };
        log?.error({ cause }, `database unreachable: ${cause}. Work waits and resumes on its own when it answers; /healthz says 503 meanwhile`);
      } else if (!cause && !current.reachable) {
        const seconds = Math.round((now.getTime() - current.since.getTime()) / 1000);
        log?.info({ downSeconds: seconds }, `database back after ${seconds} s (unreachable since ${current.since.toISOString()}: ${current.cause})`);
        current = { reachable: true, since: now };
      } else if (!cause && suspect) {
        log?.warn({ cause: suspect.cause, lines: suspect.lines }, `database: ${suspect.lines} operation(s) failed (${suspect.cause}), but it answers`);
      } else if (cause) {
        current = { ...current, cause };
      }
      suspect = undefined;
    })().finally(() => {
      probing = undefined;
      schedule(current.reachable ? upEveryMs : downEveryMs);
    });
    return probing;
  };

  return {
    screen(err) {
      if (o.target.kind !== "postgres" || !probe) return false;
      const cause = unreachableCause(err, o.target);
      if (!cause) return false;
      if (current.reachable) {
        suspect = { lines: (suspect?.lines ?? 0) + 1, cause: suspect?.cause ?? cause };
        void check();
      }
      return true;
    },
    start(p, l) {
      if (o.target.kind !== "postgres") return;
      probe = p;
      log = l;
      schedule(upEveryMs);
    },
    stop() {
      clearTimeout(timer);
      probe = undefined;
    },
    state: () => current,
  };
}
