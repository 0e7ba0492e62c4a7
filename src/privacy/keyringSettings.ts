// The three settings behind encryption at rest, checked with zod for src/config.ts:
//   ENCRYPTION_KEYS        "k1:<base64 32 bytes>,k2:<base64 32 bytes>"  every key that may still be read
//   ENCRYPTION_ACTIVE_KEY  "k2"                                          the id new writes use
//   HASH_KEY               "<base64, at least 32 bytes>"                 the secret of lookup hashes
// All three unset means "development": the caller uses createDevelopmentKeyring (data/dev-keys.json).
// Messages name variables and key ids, never key material.
import { z } from "zod";
import { HASH_KEY_MIN_BYTES, HashKey } from "./keyedHash.ts";
import { AES_KEY_BYTES, Keyring, KEY_ID_PATTERN, keyringProblems, type KeyMaterial, type PrivacyKeys } from "./keyring.ts";

const NEW_KEY_HINT = "generate one with: npm run cli -- keys new";

/** Standard or URL-safe base64, padding optional; null when the text is not base64 at all. */
function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) && !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  return Buffer.from(text, "base64");
}

const unsetIfBlank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());

/**
 * One zod field per variable, to spread into config.ts's envSchema; each reports its own problems.
 * The checks between them (all or none, active key among the keys) are in checkKeyringSettings.
 */
export const keyringSettingsFields = {
  ENCRYPTION_KEYS: z
    .string()
    .optional()
    .transform((raw, ctx): KeyMaterial[] | undefined => {
      const v = unsetIfBlank(raw);
      if (v === undefined) return undefined;
      const keys: KeyMaterial[] = [];
      const problems: string[] = [];
      v.split(",")
        .map((item) => item.trim())
        .filter(Boolean)
        .forEach((item, index) => {
          const colon = item.indexOf(":");
          if (colon < 0) {
            problems.push(`item ${index + 1} is not id:base64key (e.g. k1:<key>; ${NEW_KEY_HINT})`);
            return;
          }
          const id = item.slice(0, colon).trim();
          if (!KEY_ID_PATTERN.test(id)) {
            problems.push(`item ${index + 1} has an id that is not 1-16 characters of a-z, 0-9, _ and -`);
            return;
          }
          const key = decodeBase64(item.slice(colon + 1).trim());
          if (key === null) {
            problems.push(`key ${id} is not base64 (${NEW_KEY_HINT})`);
            return;
          }
          keys.push({ id, key });
        });
      problems.push(...keyringProblems(keys).map((p) => (p.endsWith(`needs ${AES_KEY_BYTES}`) ? `${p} (${NEW_KEY_HINT})` : p)));
      for (const message of problems) ctx.addIssue({ code: "custom", message });
      return problems.length > 0 ? z.NEVER : keys;
    }),
  ENCRYPTION_ACTIVE_KEY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = unsetIfBlank(raw);
      if (v !== undefined && !KEY_ID_PATTERN.test(v)) {
        ctx.addIssue({ code: "custom", message: "expected the id of a key in ENCRYPTION_KEYS (e.g. k2), not the key itself" });
        return z.NEVER;
      }
      return v;
    }),
  HASH_KEY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = unsetIfBlank(raw);
      if (v === undefined) return undefined;
      const key = decodeBase64(v);
      if (key === null || key.length < HASH_KEY_MIN_BYTES) {
        const what = key === null ? "is not base64" : `is ${key.length} bytes; keyed hashes need at least ${HASH_KEY_MIN_BYTES}`;
        ctx.addIssue({ code: "custom", message: `${what} (${NEW_KEY_HINT})` });
        return z.NEVER;
      }
      return key;
    }),
};

/** The parsed values of the three fields. */
export interface KeyringSettingsValues {
  ENCRYPTION_KEYS?: KeyMaterial[];
  ENCRYPTION_ACTIVE_KEY?: string;
  HASH_KEY?: Buffer;
}

type IssueSink = { addIssue(issue: { code: "custom"; path: string[]; message: string }): void };

/** The checks across the three variables; call from config.ts's superRefine, or use keyringSettingsSchema. */
export function checkKeyringSettings(values: KeyringSettingsValues, ctx: IssueSink): void {
  const keys = values.ENCRYPTION_KEYS;
  const issue = (variable: keyof KeyringSettingsValues, message: string) => ctx.addIssue({ code: "custom", path: [variable], message });
  if (!keys) {
    for (const other of ["ENCRYPTION_ACTIVE_KEY", "HASH_KEY"] as const) {
      if (values[other] !== undefined)
        issue("ENCRYPTION_KEYS", `required when ${other} is set (set all three encryption settings, or none for development keys)`);
    }
    return;
  }
  const ids = keys.map((k) => k.id).join(", ");
  if (!values.HASH_KEY) issue("HASH_KEY", `required when ENCRYPTION_KEYS is set (lookups of NPP, NIP, phone and email use it; ${NEW_KEY_HINT})`);
  else if (keys.some((k) => Buffer.from(k.key).equals(values.HASH_KEY!))) issue("HASH_KEY", "must be a key of its own, not one of ENCRYPTION_KEYS");
  const active = values.ENCRYPTION_ACTIVE_KEY;
  if (active === undefined && keys.length > 1)
    issue("ENCRYPTION_ACTIVE_KEY", `required when ENCRYPTION_KEYS holds several keys (${ids}): name the one new writes use`);
  if (active !== undefined && !keys.some((k) => k.id === active)) issue("ENCRYPTION_ACTIVE_KEY", `${active} is not in ENCRYPTION_KEYS (${ids})`);
}

/**
 * The keys the settings describe, or undefined when none are set (start with createDevelopmentKeyring).
 * Expects values that passed checkKeyringSettings; throws KeyringError otherwise.
 */
export function privacyKeysFromSettings(values: KeyringSettingsValues): PrivacyKeys | undefined {
  const keys = values.ENCRYPTION_KEYS;
  if (!keys) return undefined;
  if (!values.HASH_KEY) throw new Error("HASH_KEY is required when ENCRYPTION_KEYS is set");
  return {
    keyring: new Keyring({ keys, activeKeyId: values.ENCRYPTION_ACTIVE_KEY ?? keys[0]!.id, source: "configured" }),
    hashKey: new HashKey(values.HASH_KEY),
  };
}

/** The three settings on their own: parses an environment into PrivacyKeys (or undefined for development). */
export const keyringSettingsSchema = z
  .object(keyringSettingsFields)
  .superRefine((values, ctx) => checkKeyringSettings(values, ctx))
  .transform((values) => privacyKeysFromSettings(values));
