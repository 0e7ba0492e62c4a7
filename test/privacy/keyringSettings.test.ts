// ENCRYPTION_KEYS, ENCRYPTION_ACTIVE_KEY and HASH_KEY: what is accepted, and errors that say what to fix
// without repeating a key.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkKeyringSettings, keyringSettingsFields, keyringSettingsSchema } from "../../src/privacy/keyringSettings.ts";
import { decryptText, encryptText } from "../../src/privacy/fieldCrypto.ts";
import { lookupHash } from "../../src/privacy/keyedHash.ts";

const b64 = (n: number) => randomBytes(n).toString("base64");
const k1 = b64(32);
const k2 = b64(32);
const hash = b64(32);

/** The problems as config.ts would list them: "VARIABLE: message". */
function problemsOf(env: Record<string, string | undefined>): string[] {
  const parsed = keyringSettingsSchema.safeParse(env);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
}

describe("keyringSettingsSchema", () => {
  it("parses a rotation set-up: two keys, the second active, a separate hash key", () => {
    const keys = keyringSettingsSchema.parse({ ENCRYPTION_KEYS: ` k1:${k1} , k2:${k2}`, ENCRYPTION_ACTIVE_KEY: "k2", HASH_KEY: hash })!;
    expect(keys.keyring.keyIds).toEqual(["k1", "k2"]);
    expect(keys.keyring.activeKeyId).toBe("k2");
    expect(keys.keyring.source).toBe("configured");
    expect(decryptText(keys.keyring, encryptText(keys.keyring, "x", { context: "Message.text" }), { context: "Message.text" })).toBe("x");
    expect(lookupHash(keys.hashKey, "email", "A@B.ID")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts URL-safe base64 and a single key without ENCRYPTION_ACTIVE_KEY", () => {
    const urlSafe = Buffer.from(k1, "base64").toString("base64url");
    const keys = keyringSettingsSchema.parse({ ENCRYPTION_KEYS: `prod-2026:${urlSafe}`, HASH_KEY: hash })!;
    expect(keys.keyring.activeKeyId).toBe("prod-2026");
  });

  it("means 'use development keys' when none of the three is set (or all are blank)", () => {
    expect(keyringSettingsSchema.parse({})).toBeUndefined();
    expect(keyringSettingsSchema.parse({ ENCRYPTION_KEYS: " ", ENCRYPTION_ACTIVE_KEY: "", HASH_KEY: "" })).toBeUndefined();
  });

  it("names the short key", () => {
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1},k2:${b64(16)}`, ENCRYPTION_ACTIVE_KEY: "k2", HASH_KEY: hash })).toEqual([
      "ENCRYPTION_KEYS: key k2 is 16 bytes; AES-256 needs 32 (generate one with: npm run cli -- keys new)",
    ]);
  });

  it("names an active key that is not among the keys", () => {
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, ENCRYPTION_ACTIVE_KEY: "k9", HASH_KEY: hash })).toEqual([
      "ENCRYPTION_ACTIVE_KEY: k9 is not in ENCRYPTION_KEYS (k1, k2)",
    ]);
  });

  it("lists every malformed item at once", () => {
    expect(problemsOf({ ENCRYPTION_KEYS: `${k1},K 1:${k2},k3:not base64!,k4:${k1},k4:${k2}`, HASH_KEY: hash })).toEqual([
      "ENCRYPTION_KEYS: item 1 is not id:base64key (e.g. k1:<key>; generate one with: npm run cli -- keys new)",
      "ENCRYPTION_KEYS: item 2 has an id that is not 1-16 characters of a-z, 0-9, _ and -",
      "ENCRYPTION_KEYS: key k3 is not base64 (generate one with: npm run cli -- keys new)",
      "ENCRYPTION_KEYS: key id k4 appears twice; give every key its own id",
    ]);
  });

  it("needs an active key when there are several, and all three settings together", () => {
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, HASH_KEY: hash })).toEqual([
      "ENCRYPTION_ACTIVE_KEY: required when ENCRYPTION_KEYS holds several keys (k1, k2): name the one new writes use",
    ]);
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1}` })).toEqual([
      "HASH_KEY: required when ENCRYPTION_KEYS is set (lookups of NPP, NIP, phone and email use it; generate one with: npm run cli -- keys new)",
    ]);
    expect(problemsOf({ HASH_KEY: hash, ENCRYPTION_ACTIVE_KEY: "k1" })).toEqual([
      "ENCRYPTION_KEYS: required when ENCRYPTION_ACTIVE_KEY is set (set all three encryption settings, or none for development keys)",
      "ENCRYPTION_KEYS: required when HASH_KEY is set (set all three encryption settings, or none for development keys)",
    ]);
  });

  it("refuses a short hash key, a hash key equal to an encryption key, and a key pasted as the active id", () => {
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1}`, HASH_KEY: b64(16) })).toEqual([
      "HASH_KEY: is 16 bytes; keyed hashes need at least 32 (generate one with: npm run cli -- keys new)",
    ]);
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1}`, HASH_KEY: k1 })).toEqual(["HASH_KEY: must be a key of its own, not one of ENCRYPTION_KEYS"]);
    expect(problemsOf({ ENCRYPTION_KEYS: `k1:${k1}`, ENCRYPTION_ACTIVE_KEY: k2, HASH_KEY: hash })).toEqual([
      "ENCRYPTION_ACTIVE_KEY: expected the id of a key in ENCRYPTION_KEYS (e.g. k2), not the key itself",
    ]);
  });

  it("never repeats key material in an error", () => {
    const envs = [
      { ENCRYPTION_KEYS: `${k1}`, HASH_KEY: hash },
      { ENCRYPTION_KEYS: `${k1}:k1`, HASH_KEY: hash },
      { ENCRYPTION_KEYS: `k1:${k1.slice(0, 20)}`, ENCRYPTION_ACTIVE_KEY: k1, HASH_KEY: hash.slice(0, 20) },
      { ENCRYPTION_KEYS: `k1:${k1}`, HASH_KEY: k1 },
    ];
    for (const env of envs) {
      const parsed = keyringSettingsSchema.safeParse(env);
      expect(parsed.success).toBe(false);
      const text = JSON.stringify(parsed.error) + parsed.error!.message;
      for (const secret of [k1, hash]) expect(text).not.toContain(secret.slice(0, 12));
    }
  });

  it("composes into a larger env schema, as config.ts does", () => {
    const envSchema = z
      .object({ HTTP_PORT: z.coerce.number().default(8080), ...keyringSettingsFields })
      .superRefine((env, ctx) => checkKeyringSettings(env, ctx));
    expect(envSchema.safeParse({ ENCRYPTION_KEYS: `k1:${k1}`, HASH_KEY: hash }).success).toBe(true);
    const bad = envSchema.safeParse({ ENCRYPTION_KEYS: `k1:${k1}`, ENCRYPTION_ACTIVE_KEY: "k2", HASH_KEY: hash });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["ENCRYPTION_ACTIVE_KEY"]);
  });
});
