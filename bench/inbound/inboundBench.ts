// Inbound: Telegram updates POSTed to the product's webhook (real HTTP, keep-alive, a fixed number in
// flight) → dialog → committed state and outbox rows. Many distinct clients each run the whole intake.
// The outbox dispatcher is stopped right after start, so nothing is sent: the figure is inbound only.
import { performance } from "node:perf_hooks";
import type { BenchSizes } from "../sizes.ts";
import type { DbKind } from "../support/benchDatabase.ts";
import { openBenchUnit } from "../support/benchUnit.ts";
import { benchClients, prajaIntake } from "../support/intakeScript.ts";
import { linkStaff } from "../support/linkStaff.ts";
import { runLoad } from "../support/loadRunner.ts";
import { progress, throttled } from "../support/progress.ts";
import { measureSerialSteps, type StepCost } from "./serialSteps.ts";
import { sqlCountsPer } from "../support/sqlCounter.ts";
import { round, summarizeLatency, type LatencySummary } from "../support/stats.ts";

export interface InboundResult {
  database: DbKind;
  clients: number;
  updates: number;
  concurrency: number;
  elapsedS: number | null;
  updatesPerSecond: number | null;
  latency: LatencySummary;
  statuses: Record<string, number>;
  /** Button look-ups the load generator made between requests (not part of the latency). */
  lookupP50Ms: number | null;
  /** What the run left in the database: one case per client, outbox rows, one dedupe mark per update. */
  committed: { cases: number; outboxPending: number; processedInbound: number };
  /** SQL statements the product sent per update during the measured run, by kind. */
  sqlPerUpdate: Record<string, number>;
  /** The product process during the measured run: CPU share of one core, peak RSS. */
  product: { cpuPercentOfOneCore: number | null; maxRssMb: number | null };
  /** The load generator and fake Telegram (this process) during the measured run. */
  generatorCpuPercentOfOneCore: number | null;
  /** Each intake step alone (one request in flight, a few clients): time and SQL statements. */
  serialSteps: StepCost[];
  outboxDuringMeasurement: string;
}

/** Measures the product's inbound path on one database kind. */
export async function measureInbound(p: { kind: DbKind; sizes: BenchSizes; pgUrl?: string }): Promise<InboundResult> {
  const { sizes } = p;
  const part = `inbound ${p.kind}`;
  progress(part, "starting the product (webhook mode, dispatcher stopped)");
  const unit = await openBenchUnit({ kind: p.kind, pgUrl: p.pgUrl, dispatcher: "off", concurrency: sizes.concurrency });
  try {
    await linkStaff(unit.app.db.prisma, unit.webhook, {
      counsellors: sizes.counsellors,
      stafs: sizes.stafs,
      firstId: 900_000,
      nextUpdateId: unit.nextUpdateId,
    });
    const all = benchClients(sizes.inboundWarmupClients + sizes.inboundClients, 1_000_000);
    const load = (clients: typeof all, offset: number, label: string) => {
      const total = clients.length * 13;
      let sent = 0;
      const tick = throttled(2000, () => progress(part, `${label} ${sent}/${total} updates`));
      return runLoad({
        clients,
        script: (user, i) => prajaIntake(user, i + offset),
        concurrency: sizes.concurrency,
        client: unit.webhook,
        nextUpdateId: unit.nextUpdateId,
        findButton: unit.findButton,
        onRequest: (n) => {
          sent = n;
          tick();
        },
      });
    };
    progress(part, `warm-up: ${sizes.inboundWarmupClients} clients`);
    await load(all.slice(0, sizes.inboundWarmupClients), 0, "warm-up");
    const before = await unit.product.usage();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await load(all.slice(sizes.inboundWarmupClients), sizes.inboundWarmupClients, "measured");
    const wallMs = performance.now() - t0;
    const generatorCpu = process.cpuUsage(cpu0);
    const after = await unit.product.usage();
    const prisma = unit.app.db.prisma;
    const committed = {
      cases: await prisma.case.count(),
      outboxPending: await prisma.outbox.count({ where: { status: "pending" } }),
      processedInbound: await prisma.processedInbound.count(),
    };
    progress(part, "each step alone: 8 clients, one request at a time");
    const serialSteps = await measureSerialSteps(unit, Math.min(8, sizes.inboundClients), 1_900_000);
    const cpuMs = after.cpuUserMs + after.cpuSystemMs - (before.cpuUserMs + before.cpuSystemMs);
    const result: InboundResult = {
      database: p.kind,
      clients: sizes.inboundClients,
      updates: run.updates,
      concurrency: sizes.concurrency,
      elapsedS: round(run.elapsedMs / 1000, 3),
      updatesPerSecond: round(run.updates / (run.elapsedMs / 1000), 1),
      latency: summarizeLatency(run.latenciesMs),
      statuses: run.statuses,
      lookupP50Ms: summarizeLatency(run.lookupsMs).p50Ms,
      committed,
      sqlPerUpdate: sqlCountsPer(before.sql, after.sql, run.updates),
      product: { cpuPercentOfOneCore: round((cpuMs / wallMs) * 100, 1), maxRssMb: round(after.maxRssMb, 1) },
      generatorCpuPercentOfOneCore: round(((generatorCpu.user + generatorCpu.system) / 1000 / wallMs) * 100, 1),
      serialSteps,
      outboxDuringMeasurement: "dispatcher stopped right after start: outbox rows are written and stay pending, nothing is sent",
    };
    progress(part, `${result.updatesPerSecond} updates/s, p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms`);
    return result;
  } finally {
    await unit.close();
  }
}
