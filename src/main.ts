// The composition root: reads the settings file and the config, opens the database (waiting for it when it
// does not answer yet), starts the service, and stops it cleanly on SIGTERM or SIGINT.
import { openApp, type App } from "./app/openApp.ts";
import { createDatabaseWatch } from "./app/databaseWatch.ts";
import { openWhenReachable, StartAbortedError } from "./app/openWhenReachable.ts";
import { createShutdown } from "./app/shutdown.ts";
import { startService } from "./app/startService.ts";
import { strandedCaseLines } from "./app/strandedCases.ts";
import { startupNotices } from "./channels/channelModules.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { describeEnvFile, EnvFileError, readEnvFile, type EnvFileRead } from "./envFile.ts";
import { FlowLoadError } from "./flows/loadFlows.ts";
import { createLogger, createLogOutput } from "./logger.ts";

/** For how long after start lines from channels still starting (an IMAP server answering late) push the notices up again. */
const KEEP_NOTICES_LAST_MS = 30_000;
/** How long the log must stay quiet after such lines before the notices are written again. */
const NOTICES_AFTER_QUIET_MS = 300;
/** How long a stop may take before the process exits anyway (deploy/pintu-konseling.service allows 30 s). */
const STOP_WITHIN_MS = 20_000;

/** The settings file and the config from it; a problem with either ends the start (exit 2) naming the file read. */
function readSettings(): { settings: EnvFileRead; config: Config } {
  let settings: EnvFileRead | undefined;
  try {
    settings = readEnvFile();
    return { settings, config: loadConfig() };
  } catch (error) {
    if (!(error instanceof EnvFileError || error instanceof ConfigError)) throw error;
    console.error(error.message);
    if (settings) console.error(describeEnvFile(settings));
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const { settings, config } = readSettings();
  // Pretty on a terminal, JSON lines when piped or collected; pino redacts before either. A database outage is
  // said once per change (the watch), not by every loop on every pass.
  const output = createLogOutput({ pretty: process.stdout.isTTY === true, colour: process.stdout.hasColors?.() ?? false });
  const watch = createDatabaseWatch({ target: config.database });
  const log = createLogger(config.logLevel, output, { screen: (err) => watch.screen(err) });
  log.info(describeEnvFile(settings));

  const shutdown = createShutdown({ log, boundMs: STOP_WITHIN_MS, exit: (code) => process.exit(code) });
  process.on("SIGINT", () => shutdown.request("SIGINT"));
  process.on("SIGTERM", () => shutdown.request("SIGTERM"));
  let app: App;
  try {
    const opening = openWhenReachable(() => openApp({ config }), { target: config.database, log, signal: shutdown.signal });
    shutdown.starting(opening);
    app = await opening;
  } catch (error) {
    if (error instanceof StartAbortedError) return; // the stop in progress exits
    if (error instanceof ConfigError || error instanceof FlowLoadError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  shutdown.onStop("the database connection", () => app.close());
  const where = app.db.target.kind === "sqlite" ? `SQLite ${app.db.target.file}` : "PostgreSQL";
  log.info(`database: ${where} (migrated)`);
  log.info(`flows: ${[...app.flows.flows.values()].map((f) => `${f.id} (${f.steps.length} steps)`).join(", ")}`);
  for (const line of await strandedCaseLines(app)) log.error(`flows no longer fit an open case: ${line}`);

  const starting = startService(app, { log });
  shutdown.starting(starting);
  const service = await starting;
  shutdown.onStop("the service (HTTP, channels, background jobs)", () => service.stop());
  if (shutdown.signal.aborted) return;
  // Stopped first when the service stops: no probe while it closes, no notice written again.
  shutdown.onStop("the database watch", async () => {
    watch.stop();
    output.stopKeepingLast();
  });
  watch.start(() => app.db.raw.$queryRawUnsafe("SELECT 1"), log.child({ module: "database" }));
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
}

main().catch((error: unknown) => {
  console.error(`Pintu Konseling could not start: ${(error as Error).message}`);
  process.exit(1);
});
