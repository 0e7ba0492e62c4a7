// Runs the benchmark's parts in order (inbound, hand-off, outbound, scale), each in its own databases and
// processes, and gathers one result. A part that fails is recorded as skipped with the error, so the
// others still run; every server and child process is stopped at the end, even on failure.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { measureHandoff } from "./handoff/handoffBench.ts";
import { measureFloor } from "./inbound/floorBench.ts";
import { measureInbound } from "./inbound/inboundBench.ts";
import { measurePrismaOverhead } from "./inbound/prismaOverhead.ts";
import { measureDocumentCost } from "./inbound/documentCost.ts";
import { measureOutbound } from "./outbound/outboundBench.ts";
import { ran, type BenchResult, type Skipped } from "./report/benchResult.ts";
import { tableRows } from "./report/targets.ts";
import { measureModuleMemory } from "./scale/moduleMemory.ts";
import { measureScale } from "./scale/scaleBench.ts";
import type { BenchSizes } from "./sizes.ts";
import { benchPgUrl, postgresUnavailable } from "./support/benchDatabase.ts";
import { killAllChildren, REPO_ROOT } from "./support/childProcesses.ts";
import { startContentionSampler } from "./support/cpuContention.ts";
import { progress, resetProgress } from "./support/progress.ts";
import { round } from "./support/stats.ts";

export const PARTS = ["inbound", "handoff", "outbound", "scale"] as const;
export type Part = (typeof PARTS)[number];

export interface RunOptions {
  sizes: BenchSizes;
  /** Parts to run (default all). */
  parts?: readonly Part[];
  /** Use PostgreSQL when a server is reachable (default true). */
  postgres?: boolean;
  /** No progress lines. */
  silent?: boolean;
  /**
   * Run the parts at the same time (the smoke test, where only the shape matters): the figures then
   * measure contention, not the product, so `npm run bench` never does this.
   */
  concurrentParts?: boolean;
}

function gitState(): BenchResult["git"] {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    return { commit: git("rev-parse", "--short", "HEAD"), dirtyFiles: git("status", "--porcelain", "--untracked-files=no").split("\n").filter(Boolean).length };
  } catch {
    return { commit: "unknown", dirtyFiles: -1 };
  }
}

async function attempt<T extends object>(name: string, fn: () => Promise<T>): Promise<T | Skipped> {
  try {
    return await fn();
  } catch (error) {
    const message = (error as Error).message?.split("\n")[0] ?? String(error);
    progress(name, `FAILED: ${(error as Error).stack ?? message}`);
    return { skipped: `failed: ${message}` };
  }
}

/** Runs the benchmark and returns its result (nothing is written here; see run.ts). */
export async function runBench(options: RunOptions): Promise<BenchResult> {
  resetProgress({ silent: options.silent });
  const started = new Date();
  const { sizes } = options;
  const parts = new Set<Part>(options.parts ?? PARTS);
  const notAsked: Skipped = { skipped: "not asked for in this run" };
  const pgUrl = benchPgUrl();
  const pgMissing = options.postgres === false ? "PostgreSQL turned off for this run" : await postgresUnavailable(pgUrl);
  if (pgMissing) progress("postgres", `skipped: ${pgMissing}`);

  const result: Omit<BenchResult, "table" | "finishedAt" | "durationS" | "load"> = {
    startedAt: started.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
      memoryGb: round(os.totalmem() / 2 ** 30, 1)!,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    git: gitState(),
    sizes,
    inbound: { sqlite: notAsked, postgres: notAsked, floor: notAsked, ratioToFloor: null, prismaOverhead: notAsked, documentRender: notAsked },
    handoff: notAsked,
    outbound: notAsked,
    scale: { sqlite: notAsked, postgres: notAsked, moduleMemory: notAsked },
  };
  const groups: (() => Promise<void>)[] = [];
  const load: BenchResult["load"] = [];
  const withLoad = (part: string, fn: () => Promise<void>) => async () => {
    const loadBefore = round(os.loadavg()[0]!, 2)!;
    const sampler = startContentionSampler();
    try {
      await fn();
    } finally {
      const contention = sampler.stop();
      const entry = { part, loadBefore, loadAfter: round(os.loadavg()[0]!, 2)!, ...contention };
      load.push(entry);
      if (contention)
        progress(
          part,
          `CPU of other processes meanwhile: ${contention.othersCpuPercent} % of one core${contention.busiestOthers[0] ? ` (busiest: ${contention.busiestOthers[0].command.slice(0, 60)})` : ""}`,
        );
    }
  };
  if (parts.has("inbound")) {
    groups.push(
      withLoad("inbound", async () => {
        result.inbound.sqlite = await attempt("inbound sqlite", () => measureInbound({ kind: "sqlite", sizes }));
        result.inbound.floor = await attempt("floor", () => measureFloor({ sizes }));
        const s = result.inbound.sqlite;
        const f = result.inbound.floor;
        if (ran(s) && ran(f) && s.updatesPerSecond && f.updatesPerSecond) result.inbound.ratioToFloor = round(s.updatesPerSecond / f.updatesPerSecond, 3);
        result.inbound.postgres = pgMissing
          ? { skipped: pgMissing }
          : await attempt("inbound postgres", () => measureInbound({ kind: "postgres", sizes, pgUrl }));
        result.inbound.prismaOverhead = await attempt("inbound diagnostics", () => measurePrismaOverhead(sizes.inboundClients >= 100 ? 2000 : 100));
        result.inbound.documentRender = await attempt("inbound diagnostics", () => measureDocumentCost(sizes.inboundClients >= 100 ? 12 : 2));
      }),
    );
  }
  if (parts.has("handoff")) {
    groups.push(
      withLoad("hand-off", async () => {
        result.handoff = await attempt("hand-off", () => measureHandoff({ kind: "sqlite", sizes }));
      }),
    );
  }
  if (parts.has("outbound")) {
    groups.push(
      withLoad("outbound", async () => {
        result.outbound = await attempt("outbound", () => measureOutbound({ sizes }));
      }),
    );
  }
  if (parts.has("scale")) {
    groups.push(
      withLoad("scale", async () => {
        result.scale.moduleMemory = sizes.slowDiagnostics
          ? await attempt("memory", () => measureModuleMemory())
          : { skipped: "slow diagnostics are off at these sizes" };
        result.scale.sqlite = await attempt("scale sqlite", () => measureScale({ kind: "sqlite", sizes }));
        result.scale.postgres = !sizes.scaleOnPostgres
          ? { skipped: "not run at these sizes (scaleOnPostgres is off)" }
          : pgMissing
            ? { skipped: pgMissing }
            : await attempt("scale postgres", () => measureScale({ kind: "postgres", sizes, pgUrl }));
      }),
    );
  }
  try {
    if (options.concurrentParts) await Promise.all(groups.map((g) => g()));
    else for (const g of groups) await g();
  } finally {
    await killAllChildren();
  }
  const finished = new Date();
  const done = { ...result, load, finishedAt: finished.toISOString(), durationS: round((finished.getTime() - started.getTime()) / 1000, 1)! };
  return { ...done, table: tableRows(done) };
}
