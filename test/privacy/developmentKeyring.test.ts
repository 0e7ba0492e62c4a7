// Zero-config start: development keys made once in data/dev-keys.json (0600), then reused, also when
// several processes start at the same moment.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDevelopmentKeyring, DevelopmentKeysError } from "../../src/privacy/developmentKeyring.ts";
import { decryptText, encryptText } from "../../src/privacy/fieldCrypto.ts";
import { lookupHash } from "../../src/privacy/keyedHash.ts";
import { createLogger } from "../../src/logger.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "pintu-devkeys-"));
const ctx = { context: "Case.intakeJson" };

describe("createDevelopmentKeyring", () => {
  it("creates dev-keys.json once with mode 0600, then reuses it (data written before a restart still decrypts)", () => {
    const dir = join(tempDir(), "data");
    const first = createDevelopmentKeyring(dir);
    expect(first.created).toBe(true);
    expect(first.file).toBe(join(dir, "dev-keys.json"));
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(first.keyring.source).toBe("development");
    const content = readFileSync(first.file, "utf8");
    const stored = encryptText(first.keyring, "keluhan", ctx);

    const again = createDevelopmentKeyring(dir);
    expect(again.created).toBe(false);
    expect(readFileSync(again.file, "utf8")).toBe(content);
    expect(decryptText(again.keyring, stored, ctx)).toBe("keluhan");
    expect(lookupHash(again.hashKey, "npp", "31.0456")).toBe(lookupHash(first.hashKey, "npp", "31.0456"));
    expect(readdirSync(dir)).toEqual(["dev-keys.json"]); // no temp files left behind
  });

  it("gives different keys to different data directories", () => {
    const a = createDevelopmentKeyring(tempDir());
    const b = createDevelopmentKeyring(tempDir());
    const stored = encryptText(a.keyring, "x", ctx);
    expect(() => decryptText(b.keyring, stored, ctx)).toThrow(/does not authenticate under key dev1/);
  });

  it("logs a warning that production must set ENCRYPTION_KEYS, without any key in the log", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    const keys = createDevelopmentKeyring(tempDir(), { logger });
    const log = lines.join("");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, module: "privacy", created: true });
    expect(log).toContain("Production must set ENCRYPTION_KEYS, ENCRYPTION_ACTIVE_KEY and HASH_KEY");
    const file = JSON.parse(readFileSync(keys.file, "utf8"));
    expect(log).not.toContain(file.keys.dev1.slice(0, 12));
    expect(log).not.toContain(file.hashKey.slice(0, 12));
  });

  it("tightens a key file others can read back to 0600", () => {
    const dir = tempDir();
    const { file } = createDevelopmentKeyring(dir);
    chmodSync(file, 0o644);
    createDevelopmentKeyring(dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a damaged key file rather than replacing it (replacing would lose the data)", () => {
    const dir = tempDir();
    const { file } = createDevelopmentKeyring(dir);
    writeFileSync(file, "{ not json", { mode: 0o600 });
    expect(() => createDevelopmentKeyring(dir)).toThrow(DevelopmentKeysError);
    writeFileSync(
      file,
      JSON.stringify({ activeKeyId: "dev1", keys: { dev1: Buffer.alloc(16).toString("base64") }, hashKey: Buffer.alloc(32).toString("base64") }),
    );
    expect(() => createDevelopmentKeyring(dir)).toThrow(/key dev1 is 16 bytes; AES-256 needs 32.*restore it from a backup/);
    expect(readFileSync(file, "utf8")).toContain("dev1");
  });

  it("ends with one key file when several processes start at once", async () => {
    const dir = tempDir();
    const script = `import { createDevelopmentKeyring } from ${JSON.stringify(new URL("../../src/privacy/developmentKeyring.ts", import.meta.url).href)};
      const k = createDevelopmentKeyring(process.argv[1]); console.log(JSON.stringify({ created: k.created }));`;
    const run = () =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script, dir], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("exit", (code) => resolve({ code: code ?? -1, out }));
      });
    const results = await Promise.all(Array.from({ length: 6 }, run));
    for (const r of results) expect(r.code, r.out).toBe(0);
    expect(results.filter((r) => r.out.includes('"created":true'))).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["dev-keys.json"]);
    const keys = createDevelopmentKeyring(dir);
    expect(keys.created).toBe(false);
  }, 30_000);
});
