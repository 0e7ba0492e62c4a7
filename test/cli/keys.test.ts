// `keys new` as an admin runs it: the next free id of the configured ring, a HASH_KEY on request or when it is
// what the configuration lacks, and the three settings of a new installation; every time, the reminder to keep
// the keys apart from the backups.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/runCli.ts";

const key = () => randomBytes(32).toString("base64");
const db = { DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), "pintu-keys-")), "keys.db")}` };
const KEY_LINE = /^(k\d+):([A-Za-z0-9+/]{43}=)$/m;
const BACKUP_NOTE = /apart from the database backups/;

describe("keys new", () => {
  it("proposes the next free id of the configured keys", () => {
    const one = runCliProcess(["keys", "new"], { ...db, ENCRYPTION_KEYS: `k1:${key()}`, HASH_KEY: key() });
    expect(one.status, one.stderr).toBe(0);
    expect(KEY_LINE.exec(one.stdout)?.[1]).toBe("k2");
    expect(one.stdout).toMatch(/ENCRYPTION_ACTIVE_KEY=k2/);
    expect(one.stdout).toMatch(/keys rotate/);
    expect(one.stdout).toMatch(BACKUP_NOTE);
    const during = runCliProcess(["keys", "new"], {
      ...db,
      ENCRYPTION_KEYS: `k1:${key()},k2:${key()},old:${key()}`,
      ENCRYPTION_ACTIVE_KEY: "k2",
      HASH_KEY: key(),
    });
    expect(KEY_LINE.exec(during.stdout)?.[1]).toBe("k3");
  });

  it("makes a HASH_KEY with --hash, warning when one is set already", () => {
    const fresh = runCliProcess(["keys", "new", "--hash"], db);
    expect(fresh.status, fresh.stderr).toBe(0);
    const made = /^HASH_KEY=(\S+)$/m.exec(fresh.stdout)![1]!;
    expect(Buffer.from(made, "base64")).toHaveLength(32);
    expect(fresh.stdout).toMatch(/set once/);
    const set = runCliProcess(["keys", "new", "--hash"], { ...db, ENCRYPTION_KEYS: `k1:${key()}`, HASH_KEY: key() });
    expect(set.stdout).toMatch(/already set here\. Do NOT replace it/);
    expect(set.stdout).toMatch(BACKUP_NOTE);
  });

  it("makes the HASH_KEY a configuration with keys but no HASH_KEY asks for", () => {
    const missing = runCliProcess(["keys", "new"], { ...db, ENCRYPTION_KEYS: `k1:${key()}` });
    expect(missing.status, missing.stderr).toBe(0);
    expect(missing.stdout).toMatch(/^HASH_KEY: required when ENCRYPTION_KEYS is set/);
    expect(missing.stdout).toMatch(/^HASH_KEY=[A-Za-z0-9+/]{43}=$/m);
  });

  it("gives the three settings of a new installation when none are configured", () => {
    const none = runCliProcess(["keys", "new"], db);
    expect(none.status, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/^ENCRYPTION_KEYS=k1:[A-Za-z0-9+/]{43}=$/m);
    expect(none.stdout).toMatch(/^ENCRYPTION_ACTIVE_KEY=k1$/m);
    expect(none.stdout).toMatch(/^HASH_KEY=[A-Za-z0-9+/]{43}=$/m);
    expect(none.stdout).toMatch(BACKUP_NOTE);
  });

  it("still refuses a configuration with other problems, naming them", () => {
    const bad = runCliProcess(["keys", "new"], { ...db, ENCRYPTION_KEYS: "k1:tooshort" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/ENCRYPTION_KEYS: key k1 is \d+ bytes/);
  });
});
