// Shared bits of the email tests: an in-memory FileStore, a logger whose lines we can inspect, fixtures,
// and a polling wait (no timing asserts: wait for a condition, generously).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../../src/logger.ts";
import type { FileStore, StoredFile } from "../../../src/notify/fileStore.ts";

/** A FileStore in memory, with the saved files visible to assertions. */
export function memoryFileStore(): FileStore & { files: Map<string, StoredFile> } {
  const files = new Map<string, StoredFile>();
  let next = 0;
  return {
    files,
    async save(file) {
      const ref = `file:${++next}`;
      files.set(ref, file);
      return ref;
    },
    async load(ref) {
      const file = files.get(ref);
      if (!file) throw new Error(`unknown file ref ${ref}`);
      return file;
    },
  };
}

/** A real pino logger (with the app's redaction) writing into an array of parsed lines. */
export function capturedLogger(level = "debug"): { logger: Logger; lines: Array<Record<string, unknown>>; text: () => string } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger(level, sink as never);
  return { logger, lines, text: () => lines.map((l) => JSON.stringify(l)).join("\n") };
}

/** A fixture from test/fixtures/email. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/email/${name}`, import.meta.url)));
}

/** Polls until `probe` returns something other than undefined/false. */
export async function waitUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
