// The composition root: reads config, loads flows, opens the database, starts what is configured.
import { openApp } from "./app/openApp.ts";
import { startService } from "./app/startService.ts";
import { startupNotices } from "./channels/channelModules.ts";
import { ConfigError } from "./config.ts";
import { FlowLoadError } from "./flows/loadFlows.ts";
import { createLogger, createLogOutput } from "./logger.ts";

/** For how long after start lines from channels still starting (an IMAP server answering late) push the notices up again. */
const KEEP_NOTICES_LAST_MS = 30_000;
/** How long the log must stay quiet after such lines before the notices are written again. */
const NOTICES_AFTER_QUIET_MS = 300;

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
  // What the running channels ask a person to see (a page's address to open) comes last at start, also after
  // lines of channels still connecting.
  const notices = await startupNotices(service.channels(), { host: app.config.http.host, port: service.port, locale: app.config.defaultLocale });
  if (notices.length > 0) {
    const announce = () => {
      for (const notice of notices) log.info(notice.fields, notice.line);
    };
    announce();
    output.keepLast(announce, { forMs: KEEP_NOTICES_LAST_MS, quietMs: NOTICES_AFTER_QUIET_MS });
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
