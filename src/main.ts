// The composition root: reads config, loads flows, opens the database, starts what is configured.
import { openApp } from "./app/openApp.ts";
import { channelStates } from "./app/channelStatus.ts";
import { ConfigError } from "./config.ts";
import { FlowLoadError } from "./flows/loadFlows.ts";
import { buildHttpServer } from "./http/server.ts";
import { createLogger } from "./logger.ts";
import { startDeadlineTimer } from "./scheduling/deadlineTimer.ts";

async function main(): Promise<void> {
  const startedAt = Date.now();
  let app;
  try {
    app = await openApp();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof FlowLoadError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(app.config.logLevel);
  const where = app.db.target.kind === "sqlite" ? `SQLite ${app.db.target.file}` : "PostgreSQL";
  log.info(`database: ${where} (migrated)`);
  log.info(`flows: ${[...app.flows.flows.values()].map((f) => `${f.id} (${f.steps.length} steps)`).join(", ")}`);
  for (const c of channelStates(app.config)) log.info(`channel ${c.channel}: ${c.on ? "on" : "off"} — ${c.reason}`);

  const stopTimer = startDeadlineTimer(app, log.child({ module: "deadlines" }), app.config.deadlineCheckSeconds);
  const http = buildHttpServer(app);
  await http.listen({ host: app.config.http.host, port: app.config.http.port });
  const address = http.server.address();
  const port = typeof address === "object" && address ? address.port : app.config.http.port;
  log.info(`ready in ${Date.now() - startedAt} ms: http://${app.config.http.host}:${port}/healthz`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    stopTimer();
    await http.close();
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`Pintu Konseling could not start: ${(error as Error).message}`);
  process.exit(1);
});
