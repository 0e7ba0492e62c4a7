// The floor beside the inbound figure: the same load (same clients, same update shapes, same keep-alive
// client and concurrency) against a bare http server doing one SQLite insert per update.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { BenchSizes } from "../sizes.ts";
import { freshBenchDatabase } from "../support/benchDatabase.ts";
import { forkTs, killChild } from "../support/childProcesses.ts";
import { benchClients, prajaIntake } from "../support/intakeScript.ts";
import { runLoad } from "../support/loadRunner.ts";
import { progress } from "../support/progress.ts";
import { round, summarizeLatency, type LatencySummary } from "../support/stats.ts";
import { updateIdCounter } from "../support/telegramUpdates.ts";
import { createWebhookClient } from "../support/webhookClient.ts";

export interface FloorResult {
  updates: number;
  concurrency: number;
  updatesPerSecond: number | null;
  latency: LatencySummary;
  statuses: Record<string, number>;
  /** The load generator (this process) during the run: near 100 % means the floor is the generator's. */
  generatorCpuPercentOfOneCore: number | null;
  what: string;
}

/** Measures the bare floor with the inbound part's load. */
export async function measureFloor(p: { sizes: BenchSizes }): Promise<FloorResult> {
  const { sizes } = p;
  progress("floor", "starting the bare http + better-sqlite3 server");
  const db = await freshBenchDatabase("sqlite");
  const child = forkTs(new URL("./floorServer.ts", import.meta.url), { env: { BENCH_FLOOR_DB: join(db.dir, "floor.db") } });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the floor server exited (code ${code})`)));
      child.once("message", (m: { port: number }) => resolve(m.port));
    });
    const client = createWebhookClient(`http://127.0.0.1:${port}/telegram/hook`, { maxSockets: sizes.concurrency });
    const clients = benchClients(sizes.inboundWarmupClients + sizes.inboundClients, 1_000_000);
    const nextUpdateId = updateIdCounter();
    const load = (list: typeof clients) =>
      runLoad({ clients: list, script: prajaIntake, concurrency: sizes.concurrency, client, nextUpdateId, findButton: async () => "bench-floor-button" });
    await load(clients.slice(0, sizes.inboundWarmupClients));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await load(clients.slice(sizes.inboundWarmupClients));
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    client.close();
    const result: FloorResult = {
      updates: run.updates,
      concurrency: sizes.concurrency,
      updatesPerSecond: round(run.updates / (elapsed / 1000), 1),
      latency: summarizeLatency(run.latenciesMs),
      statuses: run.statuses,
      generatorCpuPercentOfOneCore: round(((cpu.user + cpu.system) / 1000 / elapsed) * 100, 1),
      what: "node:http server in a child process: read body, JSON.parse, one better-sqlite3 INSERT (autocommit, WAL, synchronous=NORMAL), answer 200",
    };
    progress("floor", `${result.updatesPerSecond} updates/s, p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms`);
    return result;
  } finally {
    await killChild(child, 2000);
    await db.dispose();
  }
}
