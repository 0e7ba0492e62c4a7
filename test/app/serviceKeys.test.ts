// No silent development keys where real data can arrive: with PostgreSQL or a real chat channel and no
// ENCRYPTION_KEYS/HASH_KEY the service refuses to start, naming `keys new` (unless TRIAL_WITHOUT_KEYS=1, which
// starts with a warning in the service's log); local mode on SQLite keeps its zero-configuration start.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseServiceKeys, KeysRequiredError, reasonsKeysAreRequired } from "../../src/app/serviceKeys.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { keysFingerprint } from "../../src/privacy/index.ts";
import { startTelegramWorld } from "../support/telegramService.ts";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";

const sqliteUrl = () => `file:${join(mkdtempSync(join(tmpdir(), "pintu-keys-")), "pintu.db")}`;
const TOKEN = "123456789:AAH-fake-token-for-tests_0123456789";
/** A PostgreSQL URL nothing listens on: the refusal comes before any connection. */
const PG_NOWHERE = "postgresql://pintu@127.0.0.1:1/pintu";

/** Runs src/main.ts with `env` until it exits; its exit code and everything it wrote. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", HTTP_PORT: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("the keys a process encrypts with", () => {
  it("takes development keys only in local mode on SQLite", () => {
    const local = chooseServiceKeys(loadConfig({ DATABASE_URL: sqliteUrl() }));
    expect(local.keyring.source).toBe("development");
    expect(local.development).toMatchObject({ created: true, trial: false });
    expect(reasonsKeysAreRequired(loadConfig({ DATABASE_URL: sqliteUrl(), LOCAL_CHANNEL: "1" }))).toEqual([]);
  });

  it("refuses them with PostgreSQL, with a Telegram token, and says why and how to make keys", () => {
    for (const [env, why] of [
      [{ DATABASE_URL: PG_NOWHERE }, /required with a PostgreSQL DATABASE_URL/],
      [{ DATABASE_URL: sqliteUrl(), TELEGRAM_BOT_TOKEN: TOKEN }, /required with a chat channel configured \(telegram\)/],
      [{ DATABASE_URL: PG_NOWHERE, TELEGRAM_BOT_TOKEN: TOKEN }, /PostgreSQL DATABASE_URL and with a chat channel configured \(telegram\)/],
    ] as const) {
      const attempt = () => chooseServiceKeys(loadConfig(env));
      expect(attempt).toThrow(KeysRequiredError);
      expect(attempt).toThrow(why);
      expect(attempt).toThrow(/npm run cli -- keys new/);
      expect(attempt).toThrow(/TRIAL_WITHOUT_KEYS=1/);
    }
  });

  it("points at the development key file that already holds this installation's data", () => {
    const url = sqliteUrl();
    chooseServiceKeys(loadConfig({ DATABASE_URL: url })); // a trial in local mode made it
    expect(() => chooseServiceKeys(loadConfig({ DATABASE_URL: url, TELEGRAM_BOT_TOKEN: TOKEN }))).toThrow(
      /dev-keys\.json stays readable only with them: put its "dev1" key in ENCRYPTION_KEYS/,
    );
  });

  it("takes development keys beside a real channel when TRIAL_WITHOUT_KEYS=1 says this is a trial", () => {
    const keys = chooseServiceKeys(loadConfig({ DATABASE_URL: sqliteUrl(), TELEGRAM_BOT_TOKEN: TOKEN, TRIAL_WITHOUT_KEYS: "1" }));
    expect(keys.development).toMatchObject({ trial: true });
  });

  it("takes configured keys whatever runs", () => {
    const keys = chooseServiceKeys(loadConfig({ DATABASE_URL: PG_NOWHERE, TELEGRAM_BOT_TOKEN: TOKEN, ...TEST_KEYS_ENV }));
    expect(keys.keyring.source).toBe("configured");
    expect(keys.development).toBeUndefined();
  });

  it("fingerprints the keys: the same keys alike, another key, another active key or HASH_KEY not", () => {
    const fp = (env: Record<string, string>) => keysFingerprint(loadConfig({ DATABASE_URL: PG_NOWHERE, ...env }).privacy!);
    const k2 = `k2:${Buffer.alloc(32, 7).toString("base64")}`;
    expect(fp(TEST_KEYS_ENV)).toMatch(/^[0-9a-f]{12}$/);
    expect(fp(TEST_KEYS_ENV)).toBe(fp({ ...TEST_KEYS_ENV }));
    expect(fp({ ...TEST_KEYS_ENV, ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` })).not.toBe(fp(TEST_KEYS_ENV));
    expect(fp({ ...TEST_KEYS_ENV, ENCRYPTION_KEYS: `${TEST_KEYS_ENV.ENCRYPTION_KEYS},${k2}` })).not.toBe(fp(TEST_KEYS_ENV));
    expect(fp({ ...TEST_KEYS_ENV, ENCRYPTION_KEYS: `${TEST_KEYS_ENV.ENCRYPTION_KEYS},${k2}`, ENCRYPTION_ACTIVE_KEY: "k2" })).not.toBe(
      fp({ ...TEST_KEYS_ENV, ENCRYPTION_KEYS: `${TEST_KEYS_ENV.ENCRYPTION_KEYS},${k2}` }),
    );
    expect(fp({ ...TEST_KEYS_ENV, HASH_KEY: Buffer.alloc(32, 9).toString("base64") })).not.toBe(fp(TEST_KEYS_ENV));
  });
});

describe("start-up without keys", () => {
  it("refuses on PostgreSQL and with a Telegram token, exiting 2 with the command that makes keys", async () => {
    const refused: Record<string, string>[] = [{ DATABASE_URL: PG_NOWHERE }, { DATABASE_URL: sqliteUrl(), TELEGRAM_BOT_TOKEN: TOKEN }];
    for (const env of refused) {
      const { code, out } = await runMain(env);
      expect(code).toBe(2);
      expect(out).toMatch(/ENCRYPTION_KEYS: required with .*npm run cli -- keys new/);
      expect(out).not.toMatch(/ready in/);
    }
  }, 60_000);

  it("starts beside a real channel with TRIAL_WITHOUT_KEYS=1, warning in the service's log", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger("warn", { write: (line: string) => void lines.push(JSON.parse(line)) });
    const w = await startTelegramWorld({ env: { ENCRYPTION_KEYS: "", ENCRYPTION_ACTIVE_KEY: "", HASH_KEY: "", TRIAL_WITHOUT_KEYS: "1" }, service: { log } });
    try {
      expect(w.app.keys.keyring.source).toBe("development");
      const warning = lines.find((l) => l.module === "privacy");
      expect(warning).toMatchObject({
        level: 40,
        trial: true,
        msg: expect.stringMatching(/DEVELOPMENT keys.*TRIAL_WITHOUT_KEYS=1 allows this for a trial only/),
      });
    } finally {
      await w.close();
    }
  }, 30_000);
});
