// The self-describing form of an encrypted value, so any row says which format and key it needs:
//   text:  "enc:v1:<keyId>:<base64url(iv | ciphertext | tag)>"   (no padding)
//   bytes: the ASCII bytes "enc:v1:<keyId>:" followed by iv | ciphertext | tag, raw
// A value not starting with "enc:" is plaintext written before encryption was switched on.
import { DecryptionError } from "./decryptionError.ts";
import { KEY_ID_PATTERN } from "./keyring.ts";

/** Marks a value as encrypted; anything else is legacy plaintext. */
export const ENCRYPTED_PREFIX = "enc:";
/** The only format this build writes and reads. */
export const FORMAT_VERSION = "v1";
/** AES-GCM's standard nonce length. */
export const IV_BYTES = 12;
/** AES-GCM's full-length authentication tag. */
export const TAG_BYTES = 16;

const PREFIX_BYTES = Buffer.from(ENCRYPTED_PREFIX, "ascii");
/** "enc:" + "v" + up to 3 digits + ":" + a 16-character id + ":": the longest header worth scanning. */
const MAX_HEADER_BYTES = 4 + 5 + 17;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A parsed encrypted value: the key it names and iv | ciphertext | tag. */
export interface SealedValue {
  keyId: string;
  payload: Buffer;
}

/** Whether a stored value (text or bytes) is in encrypted form, i.e. starts with "enc:". */
export function isEncrypted(stored: string | Uint8Array): boolean {
  if (typeof stored === "string") return stored.startsWith(ENCRYPTED_PREFIX);
  return stored.length >= PREFIX_BYTES.length && PREFIX_BYTES.equals(Buffer.from(stored.buffer, stored.byteOffset, PREFIX_BYTES.length));
}

/**
 * The key id an encrypted value was written under, or null for plaintext: what rotation and
 * "which keys are still in use" reports look at. Throws DecryptionError for a damaged "enc:" value.
 */
export function keyIdOf(stored: string | Uint8Array, options: { context?: string } = {}): string | null {
  if (!isEncrypted(stored)) return null;
  return (typeof stored === "string" ? parseText(stored, options.context) : parseBytes(stored, options.context)).keyId;
}

/** The text form of a sealed value. */
export function formatText(keyId: string, payload: Buffer): string {
  return `${ENCRYPTED_PREFIX}${FORMAT_VERSION}:${keyId}:${payload.toString("base64url")}`;
}

/** The bytes form of a sealed value, as the Uint8Array Prisma takes for a Bytes column. */
export function formatBytes(keyId: string, payload: Buffer): Uint8Array<ArrayBuffer> {
  const header = Buffer.from(`${ENCRYPTED_PREFIX}${FORMAT_VERSION}:${keyId}:`, "ascii");
  const out = new Uint8Array(header.length + payload.length);
  out.set(header, 0);
  out.set(payload, header.length);
  return out;
}

/** Parses "enc:v1:<keyId>:<base64url>"; throws DecryptionError (malformed, unsupported_version). */
export function parseText(stored: string, context?: string): SealedValue {
  const rest = stored.slice(ENCRYPTED_PREFIX.length);
  const versionEnd = rest.indexOf(":");
  const version = versionEnd < 0 ? rest.slice(0, 8) : rest.slice(0, versionEnd);
  checkVersion(version, context);
  const idEnd = rest.indexOf(":", versionEnd + 1);
  if (idEnd < 0) throw new DecryptionError({ reason: "malformed", context });
  const keyId = rest.slice(versionEnd + 1, idEnd);
  const data = rest.slice(idEnd + 1);
  if (!KEY_ID_PATTERN.test(keyId) || !BASE64URL.test(data)) throw new DecryptionError({ reason: "malformed", context });
  const payload = Buffer.from(data, "base64url");
  // Only the canonical encoding is accepted, so no two stored strings carry the same bytes.
  if (payload.length < IV_BYTES + TAG_BYTES || payload.toString("base64url") !== data) throw new DecryptionError({ reason: "malformed", context });
  return { keyId, payload };
}

/** Parses the bytes form; throws DecryptionError (malformed, unsupported_version). */
export function parseBytes(stored: Uint8Array, context?: string): SealedValue {
  const buffer = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const head = buffer.subarray(0, MAX_HEADER_BYTES).toString("latin1");
  const versionEnd = head.indexOf(":", ENCRYPTED_PREFIX.length);
  checkVersion(head.slice(ENCRYPTED_PREFIX.length, versionEnd < 0 ? ENCRYPTED_PREFIX.length + 4 : versionEnd), context);
  const idEnd = head.indexOf(":", versionEnd + 1);
  if (idEnd < 0) throw new DecryptionError({ reason: "malformed", context });
  const keyId = head.slice(versionEnd + 1, idEnd);
  if (!KEY_ID_PATTERN.test(keyId)) throw new DecryptionError({ reason: "malformed", context });
  const payload = Buffer.from(buffer.subarray(idEnd + 1));
  if (payload.length < IV_BYTES + TAG_BYTES) throw new DecryptionError({ reason: "malformed", context });
  return { keyId, payload };
}

function checkVersion(version: string, context: string | undefined): void {
  if (version === FORMAT_VERSION) return;
  if (/^v\d{1,3}$/.test(version)) throw new DecryptionError({ reason: "unsupported_version", context, version });
  throw new DecryptionError({ reason: "malformed", context });
}
