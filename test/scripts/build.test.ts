// `npm run build` and the code it produces: dist/main.js runs with plain `node` (no tsx), finds its
// migrations, flows and the local page's static files from dist/, answers /healthz and stops on SIGTERM;
// dist/cli.js runs the admin command line the same way.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { waitForReadyLine } from "../support/readyLine.ts";
import { waitFor } from "../support/waitFor.ts";

const run = promisify(execFile);
/** How long the service may take to exit after SIGTERM. */
const STOP_WITHIN_MS = 10_000;

describe("the production build", () => {
  beforeAll(async () => {
    await run(process.execPath, ["scripts/build.mjs"]);
  }, 60_000);

  it("writes both bundles and the static files beside them", () => {
    for (const file of ["dist/main.js", "dist/cli.js", "dist/static/local.js", "dist/static/local.css", "dist/static/favicon.svg"]) {
      expect(existsSync(file), file).toBe(true);
    }
  });

  it("starts with node on a fresh SQLite file, answers /healthz and the local page, and stops on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pintu-built-"));
    const dbFile = join(dir, "pintu.db");
    const child = spawn(process.execPath, ["dist/main.js"], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: `file:${dbFile}`, HTTP_PORT: "0", LOG_LEVEL: "info", DEADLINE_CHECK_SECONDS: "3600" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      // The ready line, then the local page's address with its token (the last start-up line).
      const [url, pageUrl] = await new Promise<[string, string]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 30_000);
        const check = () => {
          const m = /ready in \d+ ms: (http:\/\/[^\s"]+)/.exec(out);
          const page = /"localPage":"([^"]+)"/.exec(out);
          if (m && page) {
            clearTimeout(timer);
            resolve([m[1]!, page[1]!]);
          }
        };
        child.stdout.on("data", check);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`exited before ready:\n${out}`));
        });
      });
      expect(existsSync(dbFile)).toBe(true);
      const health = await fetch(url);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "up" });
      // Local mode is on (no channel configured): its page (behind the printed token) and script come from dist/static/.
      const base = url.replace(/\/healthz$/, "");
      expect((await fetch(`${base}/`)).status).toBe(401);
      expect((await fetch(pageUrl)).status).toBe(200);
      const script = await fetch(`${base}/local/local.js`);
      expect(script.status).toBe(200);
      expect((await script.text()).length).toBeGreaterThan(100);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    }
    const stoppedAt = Date.now();
    const code = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), STOP_WITHIN_MS))]);
    if (code === "hung") child.kill("SIGKILL");
    expect(code, out).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(STOP_WITHIN_MS);
    expect(out).toMatch(/SIGTERM: stopping/);
  }, 60_000);

  it("runs the command line from dist/cli.js", async () => {
    const { stdout } = await run(process.execPath, ["dist/cli.js", "flows", "check"], { env: { PATH: process.env.PATH ?? "" } });
    expect(stdout).toMatch(/^OK: \d+ flows/);
  }, 30_000);

  it("stops on SIGTERM and on SIGINT with a page's event stream open: exit 0 within the bound, the port free again", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), "pintu-built-"));
      const service = await startBuilt({ env: { DATABASE_URL: `file:${join(dir, "pintu.db")}`, HTTP_PORT: String(port) } });
      // A browser tab on the local page holds a server-sent event stream open: the stop must not wait for it.
      const stream = await openEventStream(`${service.base}/local/events`, await localPageCookie(service.out));
      const stoppedAt = Date.now();
      service.child.kill(signal);
      const code = await service.exitedWithin(STOP_WITHIN_MS);
      expect(code, service.out()).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(STOP_WITHIN_MS);
      expect(service.out()).toMatch(new RegExp(`${signal}: stopping[\\s\\S]*stopped in \\d+ ms`));
      await stream.ended;
      expect(await canListen(port), `port ${port} still taken after the ${signal} exit`).toBe(true);
    }
  }, 90_000);

  it("npm start runs the service as npm's own child: SIGTERM to npm stops it, with the port free again", async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "pintu-built-"));
    const service = await startBuilt({
      npm: true,
      env: { PINTU_ENV_FILE: "/dev/null", DATABASE_URL: `file:${join(dir, "pintu.db")}`, HTTP_PORT: String(port) },
    });
    service.child.kill("SIGTERM");
    expect(await service.exitedWithin(STOP_WITHIN_MS), service.out()).toBe(0);
    expect(service.out()).toMatch(/SIGTERM: stopping[\s\S]*stopped in \d+ ms/);
    expect(await canListen(port), `port ${port} still taken: the service outlived npm`).toBe(true);
  }, 90_000);

  it("reads .env from its working directory with quoted values, says so, and so does dist/cli.js", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pintu-env-"));
    const dataDir = join(dir, "my data #1");
    mkdirSync(dataDir);
    writeFileSync(
      join(dir, ".env"),
      [
        "# written as an IT person would, comments and quotes included",
        `DATABASE_URL="file:${dataDir}/pintu.db" # a path with a space and a hash`,
        "HTTP_PORT='0'",
        `FLOWS_DIR="${resolve("flows")}"`,
        "LOG_LEVEL=info",
        "CRISIS_PHRASES=bunuh diri,ingin mati",
        'CRISIS_HOTLINE="SEJIWA 119 ext. 8 # not a comment"',
        "",
      ].join("\n"),
    );
    const service = await startBuilt({ env: {}, cwd: dir });
    service.child.kill("SIGTERM");
    expect(await service.exitedWithin(STOP_WITHIN_MS), service.out()).toBe(0);
    // The environment wins over the file (startBuilt sets LOG_LEVEL), as with node --env-file and systemd.
    expect(service.out()).toContain(`settings: read ${join(dir, ".env")} (5 set; the environment's own value kept for LOG_LEVEL)`);
    expect(service.out()).toContain(`database: SQLite ${dataDir}/pintu.db (migrated)`);
    expect(existsSync(join(dataDir, "pintu.db"))).toBe(true);

    // The command line, run from the same folder, reads the same file: the database the service migrated, not a
    // new ./data/pintu.db.
    const cli = await run(process.execPath, [resolve("dist/cli.js"), "db", "migrate"], { cwd: dir, env: { PATH: process.env.PATH ?? "" } });
    expect(cli.stdout.trim()).toBe("Database is up to date.");
    expect(existsSync(join(dir, "data"))).toBe(false);
    // A file named by PINTU_ENV_FILE must exist: a typo there stops the command with the file named.
    const missing = await run(process.execPath, [resolve("dist/cli.js"), "flows", "check"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", PINTU_ENV_FILE: "/nowhere/pintu.env" },
    }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in missing && missing.code).toBe(1);
    expect((missing as { stderr: string }).stderr).toMatch(
      /PINTU_ENV_FILE=\/nowhere\/pintu\.env: cannot read the settings file \/nowhere\/pintu\.env \(ENOENT\)/,
    );
  }, 60_000);
});

/** The built service started as a process (or through `npm start`), once its ready line is out. */
async function startBuilt(p: { env: Record<string, string>; cwd?: string; npm?: boolean }) {
  const child = spawn(p.npm ? "npm" : process.execPath, p.npm ? ["start", "--silent"] : [resolve("dist/main.js")], {
    cwd: p.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", LOG_LEVEL: "info", DEADLINE_CHECK_SECONDS: "3600", ...p.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const url = await waitForReadyLine(child, () => out);
  return {
    child,
    base: url.replace(/\/healthz$/, ""),
    out: () => out,
    /** The exit code, or "hung" (and a SIGKILL) when it has not exited within `ms`. */
    async exitedWithin(ms: number): Promise<number | null | "hung"> {
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<"hung">((done) => (timer = setTimeout(() => done("hung"), ms)))]);
      clearTimeout(timer);
      if (code === "hung") child.kill("SIGKILL");
      return code;
    },
  };
}

/** A port nothing listens on just now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Whether a new server can listen on the port. */
async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const ok = await new Promise<boolean>((done) => {
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => done(true));
  });
  if (ok) await new Promise((done) => server.close(done));
  return ok;
}

/** The cookie the local page sets when opened from the address printed at start-up (with its token). */
async function localPageCookie(out: () => string): Promise<string> {
  const page = () => /"localPage":"([^"]+)"/.exec(out())?.[1];
  await waitFor("the local page's address", () => page() !== undefined, 10_000);
  const response = await fetch(page()!);
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Opens a server-sent event stream (200) and reads its first chunk; `ended` settles when the server ends it. */
async function openEventStream(url: string, cookie: string): Promise<{ ended: Promise<void> }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) return fail(new Error(`event stream answered ${res.statusCode}`));
      const ended = new Promise<void>((end) => {
        res.on("end", end);
        res.on("error", () => end());
        res.on("close", end);
      });
      res.once("data", () => done({ ended }));
    });
    req.on("error", fail);
    req.end();
  });
}
