// How big each part of the benchmark is: the full run (`npm run bench`, ~10 minutes on 2 cores) and the
// tiny run the smoke test uses, so both go through the same code.

export interface BenchSizes {
  /** Requests kept in flight by the load generator (one per virtual user). */
  concurrency: number;
  /** Clients that run the whole Telegram intake in the inbound measurement (13 updates each). */
  inboundClients: number;
  /** Clients run first and not counted (JIT, caches, prepared statements). */
  inboundWarmupClients: number;
  /** Linked staff in the unit the inbound and hand-off parts run against. */
  counsellors: number;
  stafs: number;
  /** Cases handed to counsellors in the hand-off measurement, and how fast the Kirim presses come. */
  handoffCases: number;
  handoffCasesPerSecond: number;
  /** Messages queued, and to how many chats, in the outbound measurement; the window it is measured over. */
  outboundMessages: number;
  outboundChats: number;
  outboundWindowMs: number;
  /** The generated database of the scale part. */
  scaleCases: number;
  scaleMessages: number;
  scaleCounsellors: number;
  scaleStepRunsPerCase: number;
  /** Times each scale query runs (the median is reported). */
  scaleQueryRuns: number;
  /** Also run the scale part on PostgreSQL (when a server is reachable). */
  scaleOnPostgres: boolean;
  /** The slower explanations: the memory-by-import probe. */
  slowDiagnostics: boolean;
}

/** `npm run bench`. */
export const FULL_SIZES: BenchSizes = {
  concurrency: 32,
  inboundClients: 120,
  inboundWarmupClients: 16,
  counsellors: 10,
  stafs: 2,
  handoffCases: 200,
  handoffCasesPerSecond: 2,
  outboundMessages: 1500,
  outboundChats: 300,
  outboundWindowMs: 40_000,
  scaleCases: 100_000,
  scaleMessages: 1_000_000,
  scaleCounsellors: 50,
  scaleStepRunsPerCase: 12,
  scaleQueryRuns: 9,
  scaleOnPostgres: true,
  slowDiagnostics: true,
};

/** test/bench/benchSmoke.test.ts: every part, tiny. */
export const SMOKE_SIZES: BenchSizes = {
  concurrency: 4,
  inboundClients: 2,
  inboundWarmupClients: 1,
  counsellors: 6,
  stafs: 1,
  handoffCases: 6,
  handoffCasesPerSecond: 20,
  outboundMessages: 50,
  outboundChats: 25,
  outboundWindowMs: 5_000,
  scaleCases: 1_000,
  scaleMessages: 10_000,
  scaleCounsellors: 5,
  scaleStepRunsPerCase: 12,
  scaleQueryRuns: 3,
  scaleOnPostgres: false,
  slowDiagnostics: false,
};
