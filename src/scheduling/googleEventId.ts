// Deterministic Google event ids and Meet request ids from a booking key, so a retried insert
// collides with the first one (409 "duplicate") instead of booking twice.
import { createHash } from "node:crypto";

const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

function base32hex(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

function digest(purpose: string, key: string): Uint8Array {
  if (typeof key !== "string" || key.trim() === "") {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the key's shape, not a value
    throw new Error("booking key is empty: derive it from the case and step run, e.g. `${caseId}:${stepRunId}`");
  }
  return createHash("sha256").update(`pintu-konseling:${purpose}:${key}`).digest();
}

/**
 * The Google event id for a booking key: 52 base32hex characters (a-v, 0-9), which Google accepts
 * (5-1024 characters of that alphabet). Hashing also keeps case ids out of the calendar.
 */
export function googleEventIdFor(key: string): string {
  return base32hex(digest("event", key));
}

/** The conferenceData.createRequest.requestId for a booking key (same key, same Meet request). */
export function meetRequestIdFor(key: string): string {
  return `pk-${base32hex(digest("meet", key))}`;
}

/** True when `id` is a valid client-chosen Google event id. */
export function isGoogleEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}
