// A product host: the child process the benchmark measures. It starts the product the way `npm start`
// does (openApp, then startService, logging to a file at the configured level) with the few options only
// code can set (the dispatcher off, or Telegram's limits lifted for setting up), then answers the
// benchmark's requests over IPC: resource usage, the scale queries, stop.
import { performance } from "node:perf_hooks";
import pino from "pino";
import { openApp } from "../../src/app/openApp.ts";
import { startService } from "../../src/app/startService.ts";
import { createLogger } from "../../src/logger.ts";
import { runScaleQueries } from "../scale/scaleQueries.ts";
import { installSqlCounter, sqlCounts } from "./sqlCounter.ts";
import type { HostReady, HostReply, HostRequest, HostSpec, HostUsage } from "./hostProtocol.ts";

const spec = JSON.parse(process.env.BENCH_HOST ?? "null") as HostSpec | null;
if (!spec || !process.send) throw new Error("productHost runs as a child of the benchmark (BENCH_HOST and an IPC channel)");
const send = (message: HostReady | HostReply) => process.send!(message);

installSqlCounter();
const t0 = performance.now();
const app = await openApp({ env: spec.env });
const t1 = performance.now();
const log = createLogger(app.config.logLevel, pino.destination({ dest: spec.logFile, sync: false, mkdir: true }));
const service = await startService(app, {
  log,
  dispatcher: {
    ...(spec.dispatcher === "lifted" ? { limits: { telegram: { perChatIntervalMs: 0, globalPerSecond: 100_000 } } } : {}),
    ...(spec.dispatcherConcurrency ? { concurrency: spec.dispatcherConcurrency } : {}),
  },
});
if (spec.dispatcher === "off") await service.dispatcher.stop();
const t2 = performance.now();
send({ type: "ready", port: service.port, openAppMs: t1 - t0, startServiceMs: t2 - t1 });

function usage(): HostUsage {
  const r = process.resourceUsage();
  const m = process.memoryUsage();
  return {
    rssMb: m.rss / 2 ** 20,
    heapUsedMb: m.heapUsed / 2 ** 20,
    externalMb: m.external / 2 ** 20,
    maxRssMb: r.maxRSS / 1024,
    cpuUserMs: r.userCPUTime / 1000,
    cpuSystemMs: r.systemCPUTime / 1000,
    sql: sqlCounts(),
  };
}

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    await service.stop();
    await app.close();
  })());

process.on("message", (raw: HostRequest) => {
  void (async () => {
    try {
      let value: unknown;
      if (raw.type === "usage") value = usage();
      else if (raw.type === "scaleQueries") value = await runScaleQueries(app.db.prisma, raw.request);
      else if (raw.type === "stop") {
        await stop();
        value = usage();
      }
      send({ type: "reply", id: raw.id, ok: true, value });
      if (raw.type === "stop") process.disconnect();
    } catch (error) {
      send({ type: "reply", id: raw.id, ok: false, error: (error as Error).stack ?? String(error) });
    }
  })();
});
// The benchmark went away: do not linger.
process.on("disconnect", () => void stop().finally(() => process.exit(0)));
process.on("SIGTERM", () => void stop().finally(() => process.exit(0)));
