// The AES-256 keys that protect personal data at rest, each with an id, one of them active for new
// writes. Old keys stay in the ring so rows written under them remain readable until rotated.
// The key bytes live in node:crypto KeyObjects behind a private field: printing, logging or
// JSON-serialising a Keyring shows ids only.
import { createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { inspect } from "node:util";
import type { HashKey } from "./keyedHash.ts";

/** AES-256 takes exactly 32 bytes of key. */
export const AES_KEY_BYTES = 32;

/** Key ids are short and safe inside the stored format "enc:v1:<keyId>:..." (no ":"). */
export const KEY_ID_PATTERN = /^[a-z0-9_-]{1,16}$/;

/** Thrown when keys handed to the keyring are unusable; the message names the key id, never its bytes. */
export class KeyringError extends Error {
  constructor(readonly problems: string[]) {
    super(`The encryption keyring is invalid: ${problems.join("; ")}.`);
    this.name = "KeyringError";
  }
}

/** One key as configured: its id and its 32 raw bytes. */
export interface KeyMaterial {
  id: string;
  key: Uint8Array;
}

/** Where a keyring came from: the environment (production) or data/dev-keys.json (development only). */
export type KeyringSource = "configured" | "development";

/** An id as it may appear in a message: only when it has the shape of an id, never a pasted key. */
export function describeKeyId(id: string, position?: number): string {
  if (KEY_ID_PATTERN.test(id)) return id;
  return position === undefined ? "(not a key id)" : `#${position}`;
}

/**
 * Problems with a set of keys (and the active id, when given), as sentences naming ids: shared by the
 * constructor and the settings schema so both say the same thing.
 */
export function keyringProblems(keys: readonly KeyMaterial[], activeKeyId?: string): string[] {
  const problems: string[] = [];
  if (keys.length === 0) problems.push("it holds no keys");
  const seen = new Set<string>();
  keys.forEach(({ id, key }, index) => {
    const name = describeKeyId(id, index + 1);
    if (!KEY_ID_PATTERN.test(id)) problems.push(`key ${name} has an id that is not 1-16 characters of a-z, 0-9, _ and -`);
    else if (seen.has(id)) problems.push(`key id ${id} appears twice; give every key its own id`);
    seen.add(id);
    if (key.length !== AES_KEY_BYTES) problems.push(`key ${name} is ${key.length} bytes; AES-256 needs ${AES_KEY_BYTES}`);
  });
  if (activeKeyId !== undefined && keys.length > 0 && !seen.has(activeKeyId)) {
    problems.push(
      KEY_ID_PATTERN.test(activeKeyId)
        ? `the active key ${activeKeyId} is not among the keys (${keys.map((k, i) => describeKeyId(k.id, i + 1)).join(", ")})`
        : "the active key is not a key id (1-16 characters of a-z, 0-9, _ and -); name the id, not the key itself",
    );
  }
  return problems;
}

/** A set of AES-256 keys by id with the one used for new writes; built once at start-up from config. */
export class Keyring {
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
  readonly source: KeyringSource;
  readonly #keys: ReadonlyMap<string, KeyObject>;

  constructor(p: { keys: readonly KeyMaterial[]; activeKeyId: string; source?: KeyringSource }) {
    const problems = keyringProblems(p.keys, p.activeKeyId);
    if (problems.length > 0) throw new KeyringError(problems);
    this.#keys = new Map(p.keys.map(({ id, key }) => [id, createSecretKey(Buffer.from(key))]));
    this.activeKeyId = p.activeKeyId;
    this.keyIds = Object.freeze(p.keys.map((k) => k.id));
    this.source = p.source ?? "configured";
  }

  /** The key a stored value names, or undefined when this ring does not hold it. */
  keyFor(id: string): KeyObject | undefined {
    return this.#keys.get(id);
  }

  /** The key new writes use. */
  get activeKey(): KeyObject {
    return this.#keys.get(this.activeKeyId)!;
  }

  /** Ids only: a keyring that lands in a log line or a JSON dump reveals no key. */
  toJSON(): { activeKeyId: string; keyIds: readonly string[]; source: KeyringSource } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds, source: this.source };
  }

  [inspect.custom](): string {
    return `Keyring { active: ${this.activeKeyId}, keys: [${this.keyIds.join(", ")}], source: ${this.source} }`;
  }
}

/** Everything the privacy layer needs at run time: the encryption keyring and the key for lookup hashes. */
export interface PrivacyKeys {
  keyring: Keyring;
  hashKey: HashKey;
}

/** 32 random bytes as base64: a new AES-256 key (ENCRYPTION_KEYS) or a new HASH_KEY, for `keys new`. */
export function generateKey(): string {
  return randomBytes(AES_KEY_BYTES).toString("base64");
}

/** The next free id in the k1, k2, ... series, so `keys new` can suggest "k3:<key>" for a ring of k1, k2. */
export function nextKeyId(existing: readonly string[]): string {
  let n = 1;
  for (const id of existing) {
    const m = /^k(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  while (existing.includes(`k${n}`)) n += 1;
  return `k${n}`;
}
