// `npm run build` and the code it produces: dist/main.js runs with plain `node` (no tsx), finds its
// migrations, flows and the local page's static files from dist/, answers /healthz and stops on SIGTERM;
// dist/cli.js runs the admin command line the same way.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

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
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 30_000);
        const check = () => {
          const m = /ready in \d+ ms: (http:\/\/[^\s"]+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
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
      expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
      // Local mode is on (no channel configured): its page and script come from dist/static/.
      const base = url.replace(/\/healthz$/, "");
      expect((await fetch(`${base}/`)).status).toBe(200);
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
});
