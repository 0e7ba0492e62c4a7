// `npm start` in local mode as its own process with stdout piped (not a terminal): every line is one JSON
// object, and the last start-up line is the local page's address, also after lines that a channel still
// connecting prints late (an IMAP server that drops the first connection after the service is up).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";

const ADDRESS = /^Mode lokal siap: buka (http:\/\/\S+) di peramban/;

interface Run {
  child: ChildProcess;
  /** Every complete stdout line so far, parsed (a line that is not JSON fails the test where it is read). */
  lines: string[];
  /** Resolves with the index of the first line after `after` whose message matches `pattern`. */
  waitForLine(pattern: RegExp, after?: number): Promise<number>;
  stop(): Promise<number | null>;
}

const msgOf = (line: string): string => (JSON.parse(line) as { msg: string }).msg;

function startProduct(env: Record<string, string>): Run {
  const dir = mkdtempSync(join(tmpdir(), "pintu-local-start-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: `file:${join(dir, "pintu.db")}`,
      HTTP_PORT: "0",
      LOG_LEVEL: "info",
      DEADLINE_CHECK_SECONDS: "3600",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    partial += d;
    const parts = partial.split("\n");
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
    for (const w of waiters) w();
  });
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    waitForLine(pattern, after = -1) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = after + 1; i < lines.length; i++) {
            if (pattern.test(msgOf(lines[i]!))) {
              clearTimeout(timer);
              waiters.delete(check);
              return resolve(i);
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${pattern} after line ${after}. stdout:\n${lines.join("\n")}\nstderr:\n${stderr}`));
        }, 30_000);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

describe("local mode's start-up lines", () => {
  let run: Run | undefined;
  let imap: Server | undefined;
  afterEach(async () => {
    await run?.stop();
    run = undefined;
    imap?.close();
    imap = undefined;
  });

  it("are JSON lines when stdout is not a terminal, and end with the page's address", async () => {
    run = startProduct({});
    const at = await run.waitForLine(ADDRESS);
    const records = run.lines.map((line) => JSON.parse(line) as { level: number; time: number; msg: string; localPage?: string });
    for (const r of records) expect(r).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
    const messages = records.map((r) => r.msg);
    const url = ADDRESS.exec(messages[at]!)![1]!;
    expect(records[at]!.localPage).toBe(url);
    // Every other start-up line came before it, the channels' and the health address included.
    for (const earlier of [
      /^database: SQLite/,
      /^flows: /,
      /^local mode: demo staff ready/,
      /^channel telegram: off/,
      /^channel local: on/,
      /^ready in \d+ ms: http:\/\/\S+\/healthz/,
    ]) {
      const i = messages.findIndex((m) => earlier.test(m));
      expect(i, `${earlier} before the address`).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(at);
    }
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("mode lokal");
    expect(await run.stop()).toBe(0);
  }, 60_000);

  it("writes the address again after lines a channel still connecting prints late", async () => {
    // An IMAP server that accepts and says nothing until the test drops the connection.
    const sockets: Socket[] = [];
    let connected!: () => void;
    const firstConnection = new Promise<void>((resolve) => (connected = resolve));
    imap = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => imap!.listen(0, "127.0.0.1", resolve));
    const imapPort = (imap.address() as { port: number }).port;
    run = startProduct({
      LOCAL_CHANNEL: "1",
      IMAP_HOST: "127.0.0.1",
      IMAP_PORT: String(imapPort),
      IMAP_SECURE: "0",
      IMAP_USER: "konseling",
      IMAP_PASSWORD: "rahasia",
      SMTP_HOST: "127.0.0.1",
      MAIL_FROM: "konseling@contoh.id",
      ...TEST_KEYS_ENV,
    });
    const first = await run.waitForLine(ADDRESS);
    await firstConnection;
    for (const s of sockets.splice(0)) s.destroy();
    const failed = await run.waitForLine(/^IMAP connection (failed|closed)/, first);
    const again = await run.waitForLine(ADDRESS, failed);
    const messages = run.lines.map(msgOf);
    expect(messages[again]).toBe(messages[first]);
    // Nothing the channel printed about that attempt comes after the repeated address.
    const lastImap = messages.findLastIndex((m) => /^IMAP connection/.test(m));
    expect(lastImap).toBeLessThan(again);
    expect(await run.stop()).toBe(0);
  }, 60_000);
});
