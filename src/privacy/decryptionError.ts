// Why a stored value could not be read, by cause. The message names the column (context) and the key
// id and says what to do; it never carries the stored value, its plaintext or a key.

/** The distinct ways reading an encrypted value fails. */
export type DecryptionFailure =
  /** Starts with "enc:" but is not "enc:<version>:<key id>:<data>" with data long enough to hold IV and tag. */
  | "malformed"
  /** A format version this build cannot read (written by a newer build). */
  | "unsupported_version"
  /** Written under a key id the keyring does not hold. */
  | "unknown_key"
  /** AES-GCM refused: altered data, another column's value (context), or a different key under the same id. */
  | "authentication_failed"
  /** A plaintext value where the caller asked for encrypted values only. */
  | "plaintext_refused";

/** Thrown when a stored value cannot be decrypted; carries the cause, key id and context, never the value. */
export class DecryptionError extends Error {
  readonly reason: DecryptionFailure;
  readonly keyId: string | undefined;
  readonly context: string;

  constructor(p: { reason: DecryptionFailure; context?: string; keyId?: string; keyIds?: readonly string[]; version?: string }) {
    const where = p.context ? `a value in ${p.context}` : "a stored value";
    super(`Cannot decrypt ${where}: ${explain(p)}`);
    this.name = "DecryptionError";
    this.reason = p.reason;
    this.keyId = p.keyId;
    this.context = p.context ?? "(unknown)";
  }
}

function explain(p: { reason: DecryptionFailure; keyId?: string; keyIds?: readonly string[]; version?: string }): string {
  switch (p.reason) {
    case "malformed":
      return (
        'it starts with "enc:" but is not enc:v1:<key id>:<data> (truncated or altered). Restore the row from a ' +
        'backup; an old plaintext value that happens to begin with "enc:" cannot be told apart and needs the same care.'
      );
    case "unsupported_version":
      return `it is in encrypted format ${p.version && /^v\d{1,3}$/.test(p.version) ? p.version : "(unrecognised)"}, which this version cannot read; run the version that wrote it, or a newer one.`;
    case "unknown_key":
      return (
        `it was encrypted with key ${p.keyId}, which is not in ENCRYPTION_KEYS (${(p.keyIds ?? []).join(", ")}). ` +
        "Put that key back: a key is retired only after rotation has moved every row off it."
      );
    case "authentication_failed":
      return (
        `it does not authenticate under key ${p.keyId}: the data was altered, the value was copied from another column, ` +
        `or ENCRYPTION_KEYS holds a different key under the id ${p.keyId} (never reuse an id for a new key).`
      );
    case "plaintext_refused":
      return "it is not encrypted, and this column accepts encrypted values only; rotate the column (or accept plaintext while migrating).";
  }
}
