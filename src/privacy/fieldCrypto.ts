// Encrypting one column value at a time with AES-256-GCM (node:crypto): a fresh random 12-byte IV per
// value, and the column's name ("Case.intakeJson") bound as additional authenticated data, so a value
// copied into another column, or altered in any byte, fails to decrypt instead of reading as garbage.
import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from "node:crypto";
import { DecryptionError } from "./decryptionError.ts";
import type { Keyring } from "./keyring.ts";
import { formatBytes, formatText, isEncrypted, IV_BYTES, parseBytes, parseText, TAG_BYTES, type SealedValue } from "./storedFormat.ts";

export { isEncrypted, keyIdOf } from "./storedFormat.ts";
export { DecryptionError, type DecryptionFailure } from "./decryptionError.ts";

/** Which column a value belongs to, as "Model.column" (see src/privacy/README.md for the list). */
export interface CryptoContext {
  context: string;
}

export interface DecryptOptions extends CryptoContext {
  /**
   * Rows written before encryption was switched on hold plaintext (no "enc:" prefix); by default they
   * are returned as they are, so they keep working until rotation encrypts them. Pass false once a
   * column has been rotated, so a plaintext value planted in it is refused.
   */
  acceptPlaintext?: boolean;
}

/** Encrypts a text value (UTF-8) for a column; the result is "enc:v1:<keyId>:<base64url>". */
export function encryptText(keyring: Keyring, plaintext: string, options: CryptoContext): string {
  if (typeof plaintext !== "string") throw new TypeError(`encryptText for ${options.context} needs a string (null stays null: do not encrypt it)`);
  return formatText(keyring.activeKeyId, seal(keyring.activeKey, keyring.activeKeyId, Buffer.from(plaintext, "utf8"), options.context));
}

/** Decrypts what encryptText wrote under any key in the ring; plaintext passes through unless refused. */
export function decryptText(keyring: Keyring, stored: string, options: DecryptOptions): string {
  if (!isEncrypted(stored)) return passThrough(stored, options);
  return open(keyring, parseText(stored, checkedContext(options.context)), options.context).toString("utf8");
}

/** Encrypts bytes (StoredFile.bytes, Document.content) into the bytes form, ready for a Prisma Bytes column. */
export function encryptBytes(keyring: Keyring, bytes: Uint8Array, options: CryptoContext): Uint8Array<ArrayBuffer> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`encryptBytes for ${options.context} needs a Uint8Array or Buffer`);
  const plaintext = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return formatBytes(keyring.activeKeyId, seal(keyring.activeKey, keyring.activeKeyId, plaintext, options.context));
}

/** Decrypts what encryptBytes wrote; legacy plaintext bytes pass through (as a copy) unless refused. */
export function decryptBytes(keyring: Keyring, stored: Uint8Array, options: DecryptOptions): Buffer {
  if (!isEncrypted(stored)) return Buffer.from(passThrough(stored, options));
  return open(keyring, parseBytes(stored, checkedContext(options.context)), options.context);
}

/** The associated data: format version, key id and column, unambiguous since ids and contexts hold no NUL. */
function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`pintu-field:v1\u0000${keyId}\u0000${context}`, "utf8");
}

function checkedContext(context: string): string {
  if (typeof context !== "string" || context.length === 0 || context.length > 200 || context.includes("\u0000")) {
    throw new TypeError('An encryption context must name the column, e.g. { context: "Case.intakeJson" } (1-200 characters, no NUL)');
  }
  return context;
}

function seal(key: KeyObject, keyId: string, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(keyId, checkedContext(context)));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

function open(keyring: Keyring, sealed: SealedValue, context: string): Buffer {
  const key = keyring.keyFor(sealed.keyId);
  if (!key) throw new DecryptionError({ reason: "unknown_key", context, keyId: sealed.keyId, keyIds: keyring.keyIds });
  const { payload } = sealed;
  const iv = payload.subarray(0, IV_BYTES);
  const tag = payload.subarray(payload.length - TAG_BYTES);
  const ciphertext = payload.subarray(IV_BYTES, payload.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(sealed.keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // node:crypto says only "unable to authenticate data"; the cause is dropped so nothing else leaks.
    throw new DecryptionError({ reason: "authentication_failed", context, keyId: sealed.keyId });
  }
}

function passThrough<T extends string | Uint8Array>(stored: T, options: DecryptOptions): T {
  checkedContext(options.context);
  if (options.acceptPlaintext === false) throw new DecryptionError({ reason: "plaintext_refused", context: options.context });
  return stored;
}
