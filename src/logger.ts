// One structured logger. Redacts anything that could carry personal data or secrets by default.
import pino, { type Logger } from "pino";
import { prettyFactory } from "pino-pretty";

export const REDACTED_PATHS = [
  "text",
  "*.text",
  "message",
  "*.message.text",
  "name",
  "*.name",
  "phone",
  "*.phone",
  "email",
  "*.email",
  "address",
  "*.address",
  "token",
  "*.token",
  "code",
  "*.code",
  "npp",
  "*.npp",
  "nip",
  "*.nip",
  "password",
  "*.password",
];

/**
 * Each line's time twice: `time` in epoch milliseconds as pino writes it (what log tools and the start-up test
 * read), and `isoTime`, the same instant as ISO 8601 UTC, for people reading a journal or a log file.
 */
const timeFields = (): string => {
  const now = Date.now();
  return `,"time":${now},"isoTime":"${new Date(now).toISOString()}"`;
};

/**
 * Looks at each warning and error line's `err` field: true leaves the line out of the log at its level (it is
 * written at debug instead). The service uses it to say a database outage once (src/app/databaseWatch.ts).
 */
export type LineScreen = (err: unknown) => boolean;

/** The root logger; modules take `logger.child({ module })`, which keep the root's screen. */
export function createLogger(level: string, destination?: pino.DestinationStream, options: { screen?: LineScreen } = {}): Logger {
  const { screen } = options;
  const hooks: pino.LoggerOptions["hooks"] = screen
    ? {
        logMethod(args, method, lineLevel) {
          const fields = args[0] as unknown;
          if (lineLevel >= pino.levels.values.warn! && typeof fields === "object" && fields !== null && "err" in fields && screen(fields.err)) {
            this.debug(...args);
            return;
          }
          method.apply(this, args);
        },
      }
    : undefined;
  // pino reads hooks.logMethod unguarded: an undefined `hooks` must be left out, not passed.
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: undefined, timestamp: timeFields, ...(hooks ? { hooks } : {}) },
    destination,
  );
}

/** Where the service's lines go; pino has already redacted each line it hands to `write`. */
export interface LogOutput extends pino.DestinationStream {
  /**
   * Keeps one line the last a person sees: for `forMs`, once other lines have been written and `quietMs` passed
   * without more, `relog` is called to write it again (local mode's page address after late start-up lines).
   */
  keepLast(relog: () => void, p: { forMs: number; quietMs: number }): void;
  /** Stops keeping a line last (on shutdown, so no timer holds the process). */
  stopKeepingLast(): void;
}

/**
 * Pretty, coloured lines on a terminal (pino-pretty), one JSON object a line otherwise (pipes, files, log
 * collectors). Writes synchronously, so lines keep the order in which they were logged.
 */
export function createLogOutput(p: { pretty: boolean; colour?: boolean; write?: (chunk: string) => void }): LogOutput {
  const sink = p.write ?? sonicWrite();
  const prettify = p.pretty
    ? prettyFactory({
        colorize: p.colour ?? false,
        singleLine: true,
        translateTime: "SYS:HH:MM:ss",
        messageFormat: "{if module}[{module}] {end}{msg}",
        ignore: "pid,hostname,module,localPage,isoTime",
      })
    : null;
  let kept: { relog: () => void; until: number; quietMs: number; timer?: NodeJS.Timeout } | undefined;
  let relogging = false;

  const output: LogOutput = {
    write(chunk: string) {
      sink(prettify ? prettify(chunk) : chunk);
      if (!kept || relogging) return;
      if (Date.now() > kept.until) return output.stopKeepingLast();
      const k = kept;
      clearTimeout(k.timer);
      k.timer = setTimeout(() => {
        relogging = true;
        try {
          k.relog();
        } finally {
          relogging = false;
        }
      }, k.quietMs);
      k.timer.unref();
    },
    keepLast(relog, o) {
      output.stopKeepingLast();
      kept = { relog, until: Date.now() + o.forMs, quietMs: o.quietMs };
    },
    stopKeepingLast() {
      clearTimeout(kept?.timer);
      kept = undefined;
    },
  };
  return output;
}

function sonicWrite(): (chunk: string) => void {
  const stdout = pino.destination({ dest: 1, sync: true });
  return (chunk) => void stdout.write(chunk);
}

export type { Logger };
