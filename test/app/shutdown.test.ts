// The stop sequence (src/app/shutdown.ts): steps last-added first after the start in progress, exit 0; a step
// that never ends is cut at the bound (exit 1, naming it); a second signal exits at once (not the same one twice).
import { describe, expect, it } from "vitest";
import { createShutdown } from "../../src/app/shutdown.ts";
import { createLogger, createLogOutput } from "../../src/logger.ts";

function setUp(boundMs = 5_000, clock?: () => number) {
  const lines: string[] = [];
  const log = createLogger("debug", createLogOutput({ pretty: false, write: (line) => void lines.push(JSON.parse(line).msg) }));
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const shutdown = createShutdown({ log, boundMs, exit: (code) => exit(code), clock });
  return { lines, shutdown, exited };
}

describe("createShutdown", () => {
  it("waits for the start in progress, runs the steps last-added first, and exits 0", async () => {
    const { lines, shutdown, exited } = setUp();
    const order: string[] = [];
    let finishStart: () => void = () => {};
    shutdown.onStop("the database", async () => void order.push("database"));
    shutdown.starting(
      new Promise<void>((resolve) => (finishStart = resolve)).then(() => shutdown.onStop("the service", async () => void order.push("service"))),
    );
    shutdown.request("SIGTERM");
    expect(shutdown.signal.aborted).toBe(true);
    finishStart();
    expect(await exited).toBe(0);
    expect(order).toEqual(["service", "database"]);
    expect(lines[0]).toBe("SIGTERM: stopping (finishing work in flight, at most 5 s)");
    expect(lines.at(-1)).toMatch(/^stopped in \d+ ms$/);
  });

  it("exits 1 at the bound, naming the step still running; a second signal exits at once", async () => {
    const hung = setUp(50);
    hung.shutdown.onStop("the database connection", () => new Promise(() => {}));
    hung.shutdown.request("SIGTERM");
    expect(await hung.exited).toBe(1);
    expect(hung.lines.at(-1)).toBe("could not stop within 0 s (still waiting for the database connection): exiting without waiting longer");

    let now = 0;
    const twice = setUp(5_000, () => now);
    twice.shutdown.onStop("the service", () => new Promise(() => {}));
    twice.shutdown.request("SIGINT");
    // The same Ctrl-C delivered again (by npm) is one request; a second press, later, exits at once.
    now = 300;
    twice.shutdown.request("SIGINT");
    expect(twice.lines.filter((l) => l.includes("again"))).toEqual([]);
    now = 1_500;
    twice.shutdown.request("SIGINT");
    expect(await twice.exited).toBe(1);
    expect(twice.lines.at(-1)).toBe("SIGINT again: exiting now, without waiting for work in flight");
  });
});
