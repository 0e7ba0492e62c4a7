// The product's own logger (pino with its redaction) writing into memory at any level, so a test can search
// every line the service wrote: as written, and each string value decoded from its JSON.
import { createLogger, type Logger } from "../../../src/logger.ts";

export interface LogCapture {
  logger: Logger;
  /** The raw lines, in order. */
  readonly lines: string[];
  /** Each line's searchable text: the raw line and its decoded string values, without the timestamp. */
  searchable(): string[];
}

function stringsOf(value: unknown, out: string[]): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") for (const child of Object.values(value)) stringsOf(child, out);
  else if (typeof value === "number") out.push(String(value));
  return out;
}

export function captureLog(level = "trace"): LogCapture {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (chunk: string) => void lines.push(...chunk.split("\n").filter(Boolean)) });
  return {
    logger,
    lines,
    searchable: () =>
      lines.map((line) => {
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return line;
        }
        delete parsed.time; // epoch milliseconds: 13 digits that are not personal data
        return [JSON.stringify(parsed), ...stringsOf(parsed, [])].join("\n");
      }),
  };
}
