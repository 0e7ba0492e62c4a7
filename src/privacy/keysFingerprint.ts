// A short fingerprint of the keys an instance encrypts with, for /healthz: two instances that share a database
// but not their keys (one started without ENCRYPTION_KEYS, one with a stale .env) show different fingerprints
// side by side, before either writes a value the other cannot read. It is computed from the key ids and a check
// value of each key (an HMAC of a fixed text under the key, as key check values are), so it names no key.
import { createHash, createHmac } from "node:crypto";
import type { PrivacyKeys } from "./keyring.ts";

const CHECK_TEXT = "pintu-key-check:v1";

/** 12 hex characters that change with any key id, any key's bytes, the active key or the HASH_KEY. */
export function keysFingerprint(keys: PrivacyKeys): string {
  const { keyring } = keys;
  const parts = [...keyring.keyIds].sort().map((id) => `${id}=${createHmac("sha256", keyring.keyFor(id)!).update(CHECK_TEXT).digest("hex").slice(0, 16)}`);
  parts.push(`active=${keyring.activeKeyId}`, `hash=${keys.hashKey.hmacHex(CHECK_TEXT).slice(0, 16)}`);
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 12);
}
