// One structured logger. Redacts anything that could carry personal data or secrets by default.
import pino, { type Logger } from "pino";

export const REDACTED_PATHS = [
  "text", "*.text", "message", "*.message.text", "name", "*.name", "phone", "*.phone", "email", "*.email",
  "address", "*.address", "token", "*.token", "code", "*.code", "npp", "*.npp", "nip", "*.nip", "password", "*.password",
];

/** The root logger; modules take `logger.child({ module })`. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: undefined }, destination);
}
export type { Logger };
