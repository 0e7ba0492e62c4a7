// What the benchmark and a product host (bench/support/productHost.ts, a child process) say to each other.

/** How a product host is started: the product's own environment plus what only code can set. */
export interface HostSpec {
  env: Record<string, string>;
  /**
   * off: the outbox dispatcher is stopped right after start (inbound measured alone);
   * lifted: Telegram's limits lifted (setting up state fast); real: the product's own limits.
   */
  dispatcher: "off" | "lifted" | "real";
  /** Chats the dispatcher sends to at once, when not the product's default (a what-if for the outbound part). */
  dispatcherConcurrency?: number;
  /** Where the product's pino log goes (at the configured LOG_LEVEL, as `npm start` would log). */
  logFile: string;
}

/** Sent once when the service listens. */
export interface HostReady {
  type: "ready";
  port: number;
  openAppMs: number;
  startServiceMs: number;
}

export interface HostUsage {
  rssMb: number;
  /** Peak resident set size of the process so far. */
  maxRssMb: number;
  /** V8 heap in use and memory outside it (Buffers, wasm): RSS growing while these stay flat is the allocator, not a leak. */
  heapUsedMb: number;
  externalMb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** SQL statements sent so far, by kind (select, insert, begin...). */
  sql: Record<string, number>;
}

export interface ScaleQueryRequest {
  orgId: string;
  counsellorIds: string[];
  caseIds: string[];
  runs: number;
  recapDays: number;
}

export interface ScaleQueryTimings {
  /** Per query: every run's milliseconds, and the rows the last run returned. */
  counsellorQueue: { runsMs: number[]; rows: number };
  caseTimelineRows: { runsMs: number[]; rows: number };
  stepRecap: { runsMs: number[]; rows: number; stepRunsCounted: number };
}

export type HostRequest = { id: number; type: "usage" } | { id: number; type: "scaleQueries"; request: ScaleQueryRequest } | { id: number; type: "stop" };

export type HostReply = { type: "reply"; id: number; ok: true; value: unknown } | { type: "reply"; id: number; ok: false; error: string };
