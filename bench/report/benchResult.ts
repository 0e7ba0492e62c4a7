// The shape of one benchmark run as written to bench/results/*.json (and checked by the smoke test).
import type { HandoffResult } from "../handoff/handoffBench.ts";
import type { DocumentCost } from "../inbound/documentCost.ts";
import type { FloorResult } from "../inbound/floorBench.ts";
import type { InboundResult } from "../inbound/inboundBench.ts";
import type { PrismaOverhead } from "../inbound/prismaOverhead.ts";
import type { OutboundResult } from "../outbound/outboundBench.ts";
import type { ModuleMemory } from "../scale/moduleMemory.ts";
import type { ScaleResult } from "../scale/scaleBench.ts";
import type { BenchSizes } from "../sizes.ts";
import type { Contention } from "../support/cpuContention.ts";

/** A part that did not run, and why (no PostgreSQL server, not asked for, failed). */
export interface Skipped {
  skipped: string;
}

export interface TableRow {
  measure: string;
  value: string;
  target: string;
  /** "yes" / "no", or "—" where there is no target. */
  met: string;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  durationS: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  /** The code measured: the commit, and whether the working tree had uncommitted changes (other people's work in progress counts). */
  git: { commit: string; dirtyFiles: number };
  sizes: BenchSizes;
  /**
   * Per part: CPU taken by processes outside the benchmark (another build or test run on the same cores makes
   * the figures pessimistic), by PostgreSQL, and by the benchmark's own processes; the 1-minute load average.
   */
  load: ({ part: string; loadBefore: number; loadAfter: number } & Partial<Contention>)[];
  inbound: {
    sqlite: InboundResult | Skipped;
    postgres: InboundResult | Skipped;
    floor: FloorResult | Skipped;
    /** Product on SQLite ÷ floor, updates/s. */
    ratioToFloor: number | null;
    prismaOverhead: PrismaOverhead | Skipped;
    /** CPU of the registration-form PDF each new case gets (rendered in the product's process). */
    documentRender: DocumentCost | Skipped;
  };
  handoff: HandoffResult | Skipped;
  outbound: OutboundResult | Skipped;
  scale: { sqlite: ScaleResult | Skipped; postgres: ScaleResult | Skipped; moduleMemory: ModuleMemory | Skipped };
  table: TableRow[];
}

/** Whether a part ran. */
export const ran = <T extends object>(x: T | Skipped): x is T => !("skipped" in x);
