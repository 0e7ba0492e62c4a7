// A real (redacting) logger whose lines the test can read, to check that no jid, number or text leaks.
import { createLogger, type Logger } from "../../../../src/logger.ts";

export function capturedLogger(level = "trace"): { logger: Logger; output: () => string } {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, output: () => lines.join("") };
}
