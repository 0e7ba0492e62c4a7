// The composition root: reads config, loads flows, opens the database, starts what is configured.
import { openApp } from "./app/openApp.ts";
import { startService } from "./app/startService.ts";
import { ConfigError } from "./config.ts";
import { FlowLoadError } from "./flows/loadFlows.ts";
import { createLogger } from "./logger.ts";

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

  const service = await startService(app, { log });
  for (const c of service.channels()) log.info(`channel ${c.channel}: ${c.on ? "on" : "off"} — ${c.reason}`);
  log.info(`ready in ${Date.now() - startedAt} ms: http://${app.config.http.host}:${service.port}/healthz`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await service.stop();
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
