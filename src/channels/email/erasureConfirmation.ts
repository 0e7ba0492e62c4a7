// HAPUS by email is confirmed by replying to a mail the bot sends to the address: the mail carries a code that
// only whoever reads that mailbox sees, so a HAPUS written in someone else's name erases nothing. The code is a
// keyed hash (HASH_KEY) of the address and of when it stops being valid: nothing is stored to check it.
import type { HashKey } from "../../privacy/index.ts";

/** How long a confirmation code is accepted. */
export const ERASURE_CODE_HOURS = 24;

const CODE = /\b([0-9a-z]{4,8})-([0-9a-f]{12})\b/i;

function mac(hashKey: HashKey, address: string, expiry: string): string {
  return hashKey.hmacHex(`pintu-email-erasure:v1\u0000${address.trim().toLowerCase()}\u0000${expiry}`).slice(0, 12);
}

/** A new code for `address`, valid ERASURE_CODE_HOURS from `now` ("<expiry hour, base 36>-<12 hex>"). */
export function erasureCode(hashKey: HashKey, address: string, now: Date): string {
  const expiry = (Math.floor(now.getTime() / 3_600_000) + ERASURE_CODE_HOURS).toString(36);
  return `${expiry}-${mac(hashKey, address, expiry)}`;
}

/** The code a reply carries (in its subject or its text), if any. */
export function findErasureCode(...texts: (string | undefined)[]): string | null {
  for (const text of texts) {
    const m = text ? CODE.exec(text) : null;
    if (m) return `${m[1]!.toLowerCase()}-${m[2]!.toLowerCase()}`;
  }
  return null;
}

/** Whether `code` was made for `address` and is still valid at `now`. */
export function erasureCodeValid(hashKey: HashKey, p: { address: string; code: string; now: Date }): boolean {
  const [expiry, given] = p.code.split("-");
  if (!expiry || !given) return false;
  const hour = Number.parseInt(expiry, 36);
  if (!Number.isSafeInteger(hour) || hour * 3_600_000 <= p.now.getTime()) return false;
  return mac(hashKey, p.address, expiry) === given;
}
