// PostgreSQL down at start, then up, then down and up again while the service runs, through a TCP port that
// refuses connections until the test opens it (test/support/tcpProxy.ts, forwarding to the test server). The
// service waits at start with one clear line and starts once the database answers; during the outage it says
// "database unreachable" once and "database back" once, while its loops' failing passes stay at debug, and
// /healthz answers 503 naming the cause.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { canTest } from "../support/databases.ts";
import { proxiedTestDatabase, type TcpProxy } from "../support/tcpProxy.ts";
import { waitFor } from "../support/waitFor.ts";

type Line = { level: number; msg: string; [field: string]: unknown };

const HEALTH_TOKEN = "outage-test-health-token";
const key = () => randomBytes(32).toString("base64");

describe.skipIf(!canTest("postgres"))("the service and a PostgreSQL outage", () => {
  let proxy: TcpProxy | undefined;
  let stop: (() => void) | undefined;
  afterAll(async () => {
    stop?.();
    await proxy?.close();
  });

  it("waits for the database at start, says an outage once each way, and /healthz names the cause", async () => {
    const proxied = await proxiedTestDatabase();
    proxy = proxied.proxy;
    const target = proxied.url;
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        PINTU_ENV_FILE: "/dev/null",
        DATABASE_URL: target.toString(),
        HTTP_PORT: "0",
        LOG_LEVEL: "debug",
        ENCRYPTION_KEYS: `k1:${key()}`,
        ENCRYPTION_ACTIVE_KEY: "k1",
        HASH_KEY: key(),
        HEALTH_TOKEN,
        DEADLINE_CHECK_SECONDS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    stop = () => child.kill("SIGKILL");
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const lines: Line[] = [];
    let text = "";
    let partial = "";
    child.stdout.on("data", (d: Buffer) => {
      text += d;
      const parts = (partial + d.toString()).split("\n");
      partial = parts.pop()!;
      for (const part of parts) if (part.startsWith("{")) lines.push(JSON.parse(part) as Line);
    });
    child.stderr.on("data", (d) => (text += d));
    const seen = (pattern: RegExp, level?: number) => lines.filter((l) => pattern.test(l.msg) && (level === undefined || l.level === level));

    // Down at start: one line naming the cause; the process keeps trying instead of exiting.
    await waitFor("the start-up line about the database", () => seen(/^database unreachable at start/).length > 0, 20_000);
    expect(seen(/^database unreachable at start/)[0]!.msg).toMatch(new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${proxy.port}`));
    expect(child.exitCode).toBeNull();

    await proxy.open();
    await waitFor("the ready line", () => seen(/^ready in \d+ ms/).length > 0, 60_000);
    expect(seen(/^database reachable after \d+ s \(\d+ tries\): starting/)).toHaveLength(1);
    const url = (seen(/^ready in/)[0]!.msg.match(/(http:\/\/\S+)/) ?? [])[1]!;
    const health = async () => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
      return { status: response.status, body: (await response.json()) as { database: { ok: boolean; error?: string } } };
    };
    expect((await health()).status).toBe(200);

    // Down while running: the loops' failures stay at debug; the watch says it once; /healthz names the cause.
    const before = lines.length;
    await proxy.close();
    await waitFor("database unreachable", () => seen(/^database unreachable: /).length === 1, 30_000);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.database.ok).toBe(false);
    expect(down.body.database.error).toMatch(
      new RegExp(`Can't reach database server at 127\\.0\\.0\\.1:${proxy.port}|ECONNREFUSED 127\\.0\\.0\\.1:${proxy.port}`),
    );
    // Several passes of the loops fail during the outage (kept at debug), before the database comes back.
    await waitFor("loop passes failing during the outage", () => lines.slice(before).filter((l) => l.level === 20 && /failed/.test(l.msg)).length >= 5, 30_000);
    await proxy.open();
    await waitFor("database back", () => seen(/^database back after \d+ s/).length === 1, 30_000);
    expect((await health()).status).toBe(200);

    const during = lines.slice(before);
    // (The access log's line for the test's own 503 from /healthz is an answer, not a failure.)
    const loud = during.filter((l) => l.level >= 40 && l.module !== "http");
    expect(
      loud.map((l) => l.msg),
      text.slice(-4000),
    ).toEqual([expect.stringMatching(/^database unreachable: /)]);
    expect(seen(/^database back after/)).toHaveLength(1);

    child.kill("SIGTERM");
    expect(await exited, text.slice(-3000)).toBe(0);
    stop = undefined;
  }, 120_000);
});
