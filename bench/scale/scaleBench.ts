// Scale: a generated history (100,000 cases, ~1.2 million step runs, 1 million messages by default) in a
// fresh database, then the product started on it as `npm start` would (timed until /healthz answers),
// the queue, timeline and 90-day recap queries timed inside the product's process, and its peak RSS.
import { statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { openApp } from "../../src/app/openApp.ts";
import { pgConnectionFields } from "../../src/store/postgresConnection.ts";
import type { BenchSizes } from "../sizes.ts";
import { freshBenchDatabase, type DbKind } from "../support/benchDatabase.ts";
import { REPO_ROOT } from "../support/childProcesses.ts";
import { freePort } from "../support/freePort.ts";
import { startProduct, waitForHealth } from "../support/productProcess.ts";
import { progress } from "../support/progress.ts";
import { median, round } from "../support/stats.ts";
import { startTelegramSide } from "../support/telegramSide.ts";
import { openPgBulkWriter } from "./pgBulkWriter.ts";
import { generateScaleData, type ScaleStats } from "./scaleData.ts";
import { openSqliteBulkWriter } from "./sqliteBulkWriter.ts";

export interface QueryFigure {
  medianMs: number | null;
  runsMs: number[];
  rows: number;
}

export interface ScaleResult {
  database: DbKind;
  generated: Omit<ScaleStats, "sampleCaseIds" | "busiestCounsellors"> & { seconds: number | null; databaseMb: number | null; busiestOpenKonselorSteps: number };
  startup: { spawnToHealthzMs: number; openAppMs: number; startServiceMs: number };
  queries: {
    counsellorQueue: QueryFigure;
    caseTimelineRows: QueryFigure;
    stepRecap90d: QueryFigure & { stepRunsCounted: number };
  };
  product: { rssAfterStartMb: number | null; maxRssMb: number | null };
}

async function databaseMb(kind: DbKind, url: string, file?: string): Promise<number | null> {
  if (kind === "sqlite" && file) return round(statSync(file).size / 2 ** 20, 1);
  const client = new pg.Client(pgConnectionFields(url));
  await client.connect();
  try {
    const r = await client.query<{ size: string }>("select pg_database_size(current_database())::text as size");
    return round(Number(r.rows[0]!.size) / 2 ** 20, 1);
  } finally {
    await client.end();
  }
}

const figure = (runsMs: number[], rows: number): QueryFigure => ({ medianMs: round(median(runsMs)), runsMs: runsMs.map((x) => round(x)!), rows });

/** Generates the history on one database kind and measures the product on it. */
export async function measureScale(p: { kind: DbKind; sizes: BenchSizes; pgUrl?: string }): Promise<ScaleResult> {
  const { sizes } = p;
  const part = `scale ${p.kind}`;
  const db = await freshBenchDatabase(p.kind, p.pgUrl);
  const telegram = await startTelegramSide();
  try {
    const port = await freePort();
    const env = { DATABASE_URL: db.target.url, FLOWS_DIR: join(REPO_ROOT, "flows"), LOG_LEVEL: "info", ...telegram.productEnv(port) };
    const app = await openApp({ env });
    const flows = app.flows;
    await app.close();

    progress(part, `generating ${sizes.scaleCases} cases, ~${sizes.scaleCases * sizes.scaleStepRunsPerCase} step runs, ~${sizes.scaleMessages} messages`);
    const writer = db.target.kind === "sqlite" ? openSqliteBulkWriter(db.target.file) : await openPgBulkWriter(db.target.url);
    const tGen = performance.now();
    let stats: ScaleStats;
    try {
      stats = await generateScaleData({
        flows,
        shape: {
          cases: sizes.scaleCases,
          messages: sizes.scaleMessages,
          counsellors: sizes.scaleCounsellors,
          stepRunsPerCase: sizes.scaleStepRunsPerCase,
          historyDays: Math.max(30, Math.min(3 * 365, Math.round(sizes.scaleCases / 91))),
        },
        writer,
        now: new Date(),
        onProgress: (done) => {
          if (done % Math.max(1, Math.round(sizes.scaleCases / 5)) === 0) progress(part, `${done}/${sizes.scaleCases} cases written`);
        },
      });
    } finally {
      await writer.close();
    }
    const generatedSeconds = (performance.now() - tGen) / 1000;
    const size = await databaseMb(p.kind, db.target.url, db.target.kind === "sqlite" ? db.target.file : undefined);
    progress(part, `generated in ${generatedSeconds.toFixed(1)} s (${size} MB); starting the product on it`);

    const t0 = performance.now();
    const product = await startProduct({ env, dispatcher: "real", logFile: join(db.dir, "product.log") }, { cpuProfDir: process.env.BENCH_CPU_PROF_DIR });
    try {
      await waitForHealth(product.baseUrl);
      const spawnToHealthzMs = performance.now() - t0;
      const afterStart = await product.usage();
      progress(part, `healthy after ${Math.round(spawnToHealthzMs)} ms; timing the queries (${sizes.scaleQueryRuns} runs each)`);
      const timings = await product.scaleQueries({
        orgId: stats.orgId,
        counsellorIds: stats.busiestCounsellors.slice(0, 5).map((c) => c.id),
        caseIds: stats.sampleCaseIds,
        runs: sizes.scaleQueryRuns,
        recapDays: 90,
      });
      const end = await product.usage();
      const result: ScaleResult = {
        database: p.kind,
        generated: {
          rows: stats.rows,
          casesByStatus: stats.casesByStatus,
          openStepRuns: stats.openStepRuns,
          orgId: stats.orgId,
          seconds: round(generatedSeconds, 1),
          databaseMb: size,
          busiestOpenKonselorSteps: stats.busiestCounsellors[0]?.openSteps ?? 0,
        },
        startup: {
          spawnToHealthzMs: Math.round(spawnToHealthzMs),
          openAppMs: Math.round(product.ready.openAppMs),
          startServiceMs: Math.round(product.ready.startServiceMs),
        },
        queries: {
          counsellorQueue: figure(timings.counsellorQueue.runsMs, timings.counsellorQueue.rows),
          caseTimelineRows: figure(timings.caseTimelineRows.runsMs, timings.caseTimelineRows.rows),
          stepRecap90d: { ...figure(timings.stepRecap.runsMs, timings.stepRecap.rows), stepRunsCounted: timings.stepRecap.stepRunsCounted },
        },
        product: { rssAfterStartMb: round(afterStart.rssMb, 1), maxRssMb: round(end.maxRssMb, 1) },
      };
      const q = result.queries;
      progress(
        part,
        `queue ${q.counsellorQueue.medianMs} ms, timeline ${q.caseTimelineRows.medianMs} ms, recap ${q.stepRecap90d.medianMs} ms, peak RSS ${result.product.maxRssMb} MB`,
      );
      return result;
    } finally {
      await product.stop(10_000);
    }
  } finally {
    await telegram.close();
    await db.dispose();
  }
}
