// `npm start` on the embedded defaults: creates and migrates SQLite, loads flows, serves /healthz,
// says which channels are off and why, and stops cleanly on SIGTERM.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { healthDetails, TEST_HEALTH_TOKEN } from "../support/health.ts";

describe("service start", () => {
  it("starts on defaults, answers /healthz, stops on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pintu-start-"));
    const dbFile = join(dir, "data", "pintu.db");
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: `file:${dbFile}`, HTTP_PORT: "0", LOG_LEVEL: "info", HEALTH_TOKEN: TEST_HEALTH_TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 30_000);
      child.stdout.on("data", () => {
        const m = /ready in \d+ ms: (http:\/\/[^\s"]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    expect(existsSync(dbFile)).toBe(true);
    expect(out).toMatch(/channel telegram: off — no TELEGRAM_BOT_TOKEN set/);
    expect(out).toMatch(/channel whatsapp: off/);
    // Local mode on SQLite runs on development keys, and says so in its log.
    expect(out).toMatch(/Encryption at rest uses DEVELOPMENT keys/);
    // Whoever reaches /healthz learns "up"; the details need the token.
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "up" });
    const { body: health } = await healthDetails<{
      ok: boolean;
      database: { ok: boolean; kind: string };
      flows: { id: string }[];
      channels: { channel: string; on: boolean }[];
      keys: { source: string };
    }>(url);
    expect(health.ok).toBe(true);
    expect(health.keys.source).toBe("development");
    expect(health.database).toEqual({ ok: true, kind: "sqlite" });
    expect(health.flows.map((f) => f.id).sort()).toEqual(["bk-pegawai", "bk-praja", "konseling-online-praja", "puspaga-konseling", "terapi"]);
    expect(health.channels.map((c) => c.channel)).toEqual(["telegram", "whatsapp", "email", "local"]);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(out).toMatch(/SIGTERM: stopping/);
  }, 60_000);

  it("refuses to start with a bad setting, naming it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", HTTP_PORT: "abc", DATABASE_URL: "file::memory:" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/HTTP_PORT: expected a port number/);
  }, 30_000);
});
