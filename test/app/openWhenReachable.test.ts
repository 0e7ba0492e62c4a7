// Start-up waiting for the database (src/app/openWhenReachable.ts): retried while it cannot be reached, with
// one line at the first failure and one when it answers; other failures and a stop end the wait at once.
import { describe, expect, it } from "vitest";
import { openWhenReachable, StartAbortedError } from "../../src/app/openWhenReachable.ts";
import { parseDatabaseUrl } from "../../src/store/databaseTarget.ts";
import { createLogger, createLogOutput } from "../../src/logger.ts";

const target = parseDatabaseUrl("postgresql://pintu@127.0.0.1:5432/pintu");
const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

function capture() {
  const lines: { msg: string }[] = [];
  return { lines, log: createLogger("info", createLogOutput({ pretty: false, write: (line) => void lines.push(JSON.parse(line)) })) };
}

describe("openWhenReachable", () => {
  it("tries again while the database cannot be reached, saying so once, then once when it answers", async () => {
    const { lines, log } = capture();
    let tries = 0;
    const opened = await openWhenReachable(
      async () => {
        if (++tries < 5) throw refused();
        return "app";
      },
      { target, log, signal: new AbortController().signal, timing: { firstMs: 1, maxMs: 4 } },
    );
    expect(opened).toBe("app");
    expect(lines.map((l) => l.msg)).toEqual([
      "database unreachable at start: connect ECONNREFUSED 127.0.0.1:5432. Trying again until it answers (SIGTERM or Ctrl-C stops)",
      expect.stringMatching(/^database reachable after \d+ s \(5 tries\): starting$/),
    ]);
  });

  it("gives up at once on any other failure (a refused password), and when a stop is asked for", async () => {
    const { log } = capture();
    const refusedPassword = Object.assign(new Error('password authentication failed for user "pintu"'), { code: "28P01" });
    await expect(openWhenReachable(async () => Promise.reject(refusedPassword), { target, log, signal: new AbortController().signal })).rejects.toBe(
      refusedPassword,
    );

    const stop = new AbortController();
    const waiting = openWhenReachable(async () => Promise.reject(refused()), { target, log, signal: stop.signal, timing: { firstMs: 60_000 } });
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(StartAbortedError);
  });
});
