// The database watch (src/app/databaseWatch.ts) with a probe the test controls: warning and error lines saying
// the database cannot be reached are screened out of the log (written at debug), the outage and its end are
// each said once, and a false alarm (the probe answers) is said as one warning. Through the real logger.
import { afterEach, describe, expect, it } from "vitest";
import { createDatabaseWatch, type DatabaseWatch } from "../../src/app/databaseWatch.ts";
import { parseDatabaseUrl } from "../../src/store/databaseTarget.ts";
import { createLogger, createLogOutput } from "../../src/logger.ts";
import { waitFor } from "../support/waitFor.ts";

const target = parseDatabaseUrl("postgresql://pintu@10.0.0.5:5432/pintu");
const UNREACHABLE = "\nInvalid `prisma.outbox.findMany()` invocation:\n\n\nCan't reach database server at 10.0.0.5:5432";

let watch: DatabaseWatch | undefined;
afterEach(() => watch?.stop());

function watched(options: { answers: () => boolean }) {
  const lines: { level: number; msg: string; err?: unknown }[] = [];
  watch = createDatabaseWatch({ target, upEveryMs: 10_000, downEveryMs: 10, probeTimeoutMs: 1_000 });
  const w = watch;
  const log = createLogger("debug", createLogOutput({ pretty: false, write: (line) => void lines.push(JSON.parse(line)) }), { screen: (err) => w.screen(err) });
  let probes = 0;
  w.start(async () => {
    probes++;
    if (!options.answers()) throw Object.assign(new Error("Can't reach database server at 10.0.0.5:5432"), { code: "P1001" });
  }, log);
  return { log: log.child({ module: "outbox" }), lines, probes: () => probes, said: (re: RegExp) => lines.filter((l) => l.level >= 30 && re.test(l.msg)) };
}

describe("the database watch", () => {
  it("says an outage once and its end once; the loops' lines meanwhile go to debug", async () => {
    let up = false;
    const { log, lines, said } = watched({ answers: () => up });
    for (let i = 0; i < 5; i++) log.error({ err: UNREACHABLE }, "outbox pass failed; will try again");
    await waitFor("the outage said", () => said(/^database unreachable: /).length === 1, 5_000);
    expect(said(/^database unreachable: /)[0]!.msg).toMatch(/^database unreachable: Can't reach database server at 10\.0\.0\.5:5432\. /);
    for (let i = 0; i < 5; i++) log.error({ err: UNREACHABLE }, "outbox pass failed; will try again");
    expect(lines.filter((l) => l.msg === "outbox pass failed; will try again").map((l) => l.level)).toEqual(Array(10).fill(20));
    expect(watch!.state()).toMatchObject({ reachable: false, cause: "Can't reach database server at 10.0.0.5:5432" });
    up = true;
    await waitFor("the end said", () => said(/^database back after \d+ s/).length === 1, 5_000);
    expect(watch!.state().reachable).toBe(true);
    expect(said(/^database unreachable/)).toHaveLength(1);
  });

  it("lets every other line through, and says a false alarm (the probe answers) as one warning", async () => {
    const { log, lines, said, probes } = watched({ answers: () => true });
    log.error({ err: "request to https://api.telegram.org failed, reason: connect ECONNREFUSED 149.154.167.220:443" }, "send failed; will retry");
    log.warn({ err: "connect ECONNREFUSED 10.0.0.5:5432" }, "outbox pass failed; will try again");
    expect(lines[0]).toMatchObject({ level: 50, msg: "send failed; will retry" });
    expect(lines[1]).toMatchObject({ level: 20, msg: "outbox pass failed; will try again" });
    await waitFor("the probe", () => probes() === 1 && said(/operation\(s\) failed/).length === 1, 5_000);
    expect(said(/operation\(s\) failed/)[0]!.msg).toBe("database: 1 operation(s) failed (connect ECONNREFUSED 10.0.0.5:5432), but it answers");
    expect(said(/^database (unreachable|back)/)).toEqual([]);
  });

  it("screens nothing on SQLite (a file, nothing to reach)", () => {
    watch = createDatabaseWatch({ target: parseDatabaseUrl("file:./data/x.db") });
    watch.start(async () => {}, createLogger("silent"));
    expect(watch.screen(UNREACHABLE)).toBe(false);
  });
});
