// Keyed hashes for equality lookups on encrypted identifiers: "is there already a praja with NPP
// 31.0456?" without storing the NPP in clear or decrypting every row. HMAC-SHA256 under HASH_KEY (a
// plain SHA-256 of an 18-digit NIP or a phone number is reversed by trying them all). The kind is part
// of the input, so an NPP and a phone number with the same digits never share a hash.
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { inspect } from "node:util";

/** HMAC-SHA256 keys shorter than its 32-byte output would be the weak link. */
export const HASH_KEY_MIN_BYTES = 32;

/** The secret behind lookup hashes; like Keyring, it prints and serialises without its bytes. */
export class HashKey {
  readonly #key: KeyObject;

  constructor(bytes: Uint8Array) {
    if (bytes.length < HASH_KEY_MIN_BYTES) {
      throw new Error(`HASH_KEY is ${bytes.length} bytes; keyed hashes need at least ${HASH_KEY_MIN_BYTES} (generate one with: npm run cli -- keys new)`);
    }
    this.#key = createSecretKey(Buffer.from(bytes));
  }

  /** HMAC-SHA256 of the input, hex. */
  hmacHex(input: string): string {
    return createHmac("sha256", this.#key).update(input, "utf8").digest("hex");
  }

  toJSON(): string {
    return "HashKey";
  }

  [inspect.custom](): string {
    return "HashKey { [redacted] }";
  }
}

/** What a lookup hash identifies; each kind has its own normalisation and its own hash space. */
export type LookupKind = "npp" | "nip" | "phone" | "email" | "chat";

/** Thrown when a value has nothing to hash once normalised; says which kind, never the value. */
export class LookupValueError extends Error {
  constructor(
    readonly kind: string,
    reason: string,
  ) {
    super(`Cannot compute a lookup hash for this ${kind}: ${reason}.`);
    this.name = "LookupValueError";
  }
}

const digitsOnly = (kind: LookupKind) => (value: string) => {
  const digits = value.replace(/\D/g, "");
  if (digits === "") throw new LookupValueError(kind, "it has no digits");
  return digits;
};

/** "+62 812-3456-789", "0812 3456 789", "0062812…", "628123456789" → "+628123456789" (as intake writes it). */
function normalisePhoneForLookup(value: string): string {
  const raw = value.trim();
  let digits = raw.replace(/[\s\-.()/\u00A0]/g, "").replace(/^\+/, "");
  if (!/^\d+$/.test(digits)) throw new LookupValueError("phone", "it is not digits with an optional leading +");
  if (!raw.startsWith("+")) {
    if (digits.startsWith("00")) digits = digits.slice(2);
    else if (digits.startsWith("0")) digits = `62${digits.slice(1)}`;
  }
  // "+62 (0)812…": the national trunk 0 written after the country code.
  if (digits.startsWith("620")) digits = `62${digits.slice(2).replace(/^0+/, "")}`;
  if (digits.length < 6) throw new LookupValueError("phone", "it is too short to be a phone number");
  return `+${digits}`;
}

/**
 * How each kind is brought to one form before hashing, so the forms people type find the same row:
 * NPP "31.0456" = "310456" = "31 0456" (digits; the dot is fixed after the two-digit cohort), NIP with
 * or without its grouping spaces (digits), phone in any Indonesian notation (+62…), email lower-cased. A chat
 * address (Telegram chat id, WhatsApp JID, email address as a channel stores it) is taken exactly as written: it is
 * compared exactly where it is looked up.
 */
const NORMALISERS: Record<LookupKind, (value: string) => string> = {
  npp: digitsOnly("npp"),
  nip: digitsOnly("nip"),
  phone: normalisePhoneForLookup,
  email: (value) => {
    const v = value.normalize("NFC").trim().toLowerCase();
    if (v === "") throw new LookupValueError("email", "it is empty");
    return v;
  },
  chat: (value) => value,
};

/** The normalised form a lookup hash is computed over (exported for tests and for explaining a miss). */
export function normaliseForLookup(kind: LookupKind, value: string): string {
  if (!Object.hasOwn(NORMALISERS, kind)) throw new LookupValueError(String(kind), `unknown kind; expected one of ${Object.keys(NORMALISERS).join(", ")}`);
  return NORMALISERS[kind](value);
}

/** HMAC-SHA256 hex of kind + normalised value: store it next to the encrypted value and query by it. */
export function lookupHash(hashKey: HashKey, kind: LookupKind, value: string): string {
  return hashKey.hmacHex(`pintu-lookup:v1\u0000${kind}\u0000${normaliseForLookup(kind, value)}`);
}
