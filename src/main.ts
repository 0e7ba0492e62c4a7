// The composition root: reads config, loads flows, opens the database, starts what is configured.
import { openApp } from "./app/openApp.ts";
import { startService } from "./app/startService.ts";
import { ConfigError } from "./config.ts";
import { FlowLoadError } from "./flows/loadFlows.ts";
import { localPageUrl } from "./channels/local/localPageUrl.ts";
import { localTextsFor } from "./i18n/local.ts";
import { createLogger, createLogOutput } from "./logger.ts";

/** For how long after start lines from channels still starting (an IMAP server answering late) push the page's address up again. */
const KEEP_ADDRESS_LAST_MS = 30_000;
/** How long the log must stay quiet after such lines before the address is written again. */
const ADDRESS_AFTER_QUIET_MS = 300;

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
  // Pretty on a terminal, JSON lines when piped or collected; pino redacts before either.
  const output = createLogOutput({ pretty: process.stdout.isTTY === true, colour: process.stdout.hasColors?.() ?? false });
  const log = createLogger(app.config.logLevel, output);
  const where = app.db.target.kind === "sqlite" ? `SQLite ${app.db.target.file}` : "PostgreSQL";
  log.info(`database: ${where} (migrated)`);
  log.info(`flows: ${[...app.flows.flows.values()].map((f) => `${f.id} (${f.steps.length} steps)`).join(", ")}`);

  const service = await startService(app, { log });
  for (const c of service.channels()) log.info(`channel ${c.channel}: ${c.on ? "on" : "off"} — ${c.reason}`);
  log.info(`ready in ${Date.now() - startedAt} ms: http://${app.config.http.host}:${service.port}/healthz`);
  if (service.channels().some((c) => c.channel === "local" && c.on)) {
    // The page's address is the last thing a person sees at start, also after lines of channels still connecting.
    const url = localPageUrl({ host: app.config.http.host, port: service.port });
    const announce = () => log.info({ localPage: url }, localTextsFor(app.config.defaultLocale).startupLine({ url }));
    announce();
    output.keepLast(announce, { forMs: KEEP_ADDRESS_LAST_MS, quietMs: ADDRESS_AFTER_QUIET_MS });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    output.stopKeepingLast();
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
