// Keys for development and demos, so the product starts with zero configuration: random keys made on
// first use and kept in <dir>/dev-keys.json (mode 0600), then read from there on every start, so data
// written yesterday still decrypts today. NOT for production: the keys sit next to the database they
// protect. Production sets ENCRYPTION_KEYS, ENCRYPTION_ACTIVE_KEY and HASH_KEY.
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { HashKey } from "./keyedHash.ts";
import { generateKey, Keyring, KEY_ID_PATTERN, type PrivacyKeys } from "./keyring.ts";
import type { Logger } from "../logger.ts";

/** The file's name under the data directory. */
export const DEV_KEYS_FILE = "dev-keys.json";

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "expected base64");
const devKeysFileSchema = z.object({
  warning: z.string().optional(),
  activeKeyId: z.string().regex(KEY_ID_PATTERN),
  keys: z.record(z.string().regex(KEY_ID_PATTERN), base64),
  hashKey: base64,
});
type DevKeysFile = z.infer<typeof devKeysFileSchema>;

/** Thrown when dev-keys.json exists but cannot be used; deleting it would make existing data unreadable. */
export class DevelopmentKeysError extends Error {
  constructor(file: string, problem: string) {
    super(
      `${file} is not a usable development key file (${problem}). Data in this database was probably encrypted with it: ` +
        "restore it from a backup, or delete it only if the database may be thrown away too.",
    );
    this.name = "DevelopmentKeysError";
  }
}

export interface DevelopmentKeys extends PrivacyKeys {
  /** The key file used. */
  file: string;
  /** Whether this call made the file (first start). */
  created: boolean;
}

/**
 * The development keyring from <dir>/dev-keys.json, creating it with fresh random keys (mode 0600) on
 * first use; logs a warning every time, since production must set ENCRYPTION_KEYS instead.
 */
export function createDevelopmentKeyring(dir: string, options: { logger?: Logger } = {}): DevelopmentKeys {
  const file = join(dir, DEV_KEYS_FILE);
  const created = createOnce(dir, file);
  const content = readKeyFile(file);
  let keys: PrivacyKeys;
  try {
    keys = {
      keyring: new Keyring({
        keys: Object.entries(content.keys).map(([id, key]) => ({ id, key: Buffer.from(key, "base64") })),
        activeKeyId: content.activeKeyId,
        source: "development",
      }),
      hashKey: new HashKey(Buffer.from(content.hashKey, "base64")),
    };
  } catch (error) {
    throw new DevelopmentKeysError(file, (error as Error).message);
  }
  if (options.logger) warnOfDevelopmentKeys(options.logger, { file, created });
  return { ...keys, file, created };
}

/** The warning a process on development keys logs at start (the service through its own logger). */
export function warnOfDevelopmentKeys(logger: Logger, p: { file: string; created: boolean; trial?: boolean }): void {
  logger.warn(
    { module: "privacy", file: p.file, created: p.created, ...(p.trial ? { trial: true } : {}) },
    "Encryption at rest uses DEVELOPMENT keys from this file, stored next to the data. Production must set " +
      "ENCRYPTION_KEYS, ENCRYPTION_ACTIVE_KEY and HASH_KEY (npm run cli -- keys new)." +
      (p.trial ? " TRIAL_WITHOUT_KEYS=1 allows this for a trial only: no real client's data." : ""),
  );
}

/** Writes the file once, atomically: a complete temp file hard-linked into place, so a second process never reads half a file. */
function createOnce(dir: string, file: string): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    statSync(file);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const content: DevKeysFile = {
    warning: "Development keys only. Do not use in production: set ENCRYPTION_KEYS, ENCRYPTION_ACTIVE_KEY and HASH_KEY.",
    activeKeyId: "dev1",
    keys: { dev1: generateKey() },
    hashKey: generateKey(),
  };
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    chmodSync(temp, 0o600);
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false; // another process made it first
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function readKeyFile(file: string): DevKeysFile {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) chmodSync(file, 0o600); // readable by others: tighten, the keys are secrets
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new DevelopmentKeysError(file, "not JSON");
  }
  const parsed = devKeysFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DevelopmentKeysError(file, parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}
