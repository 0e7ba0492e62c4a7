// Phone numbers as people write them ("0812-3456-789", "+62 812 3456 789", "0062812…") turned into the
// one form WhatsApp addresses use ("628123456789", "628123456789@s.whatsapp.net"). Pure.

export type PhoneNumberResult =
  | { ok: true /** Country code and number, digits only: "628123456789". */; number: string; jid: string }
  | { ok: false; reason: string };

const WHATSAPP_USER_SERVER = "@s.whatsapp.net";
const SEPARATORS = /[\s\-.()/\u00A0]/g;

/**
 * Normalises a phone number to digits with the country code; Indonesian numbers (08…, +62 8…, 62 8…,
 * 0062 8…) must look like a mobile number (8 + 8–11 digits), others like E.164 (8–15 digits).
 */
export function normalisePhoneNumber(input: string): PhoneNumberResult {
  const raw = String(input ?? "").trim();
  if (raw === "") return fail("it is empty: write it as 08… or with the country code, e.g. +62 812…");
  if (raw.length > 40) return fail("it is longer than any phone number (over 40 characters)");
  if (/[^\d\s\-.()/+\u00A0]/.test(raw)) {
    return fail("it contains characters other than digits, spaces, +, -, . and brackets");
  }
  if (raw.lastIndexOf("+") > 0) return fail("a + may only stand at the very start, before the country code");

  const digits = raw.replace(SEPARATORS, "").replace(/^\+/, "");
  if (!/^\d+$/.test(digits)) return fail("it has no digits");

  let international: string;
  if (raw.startsWith("+")) international = digits;
  else if (digits.startsWith("00")) international = digits.slice(2);
  else if (digits.startsWith("0")) international = `62${digits.slice(1)}`;
  else if (digits.startsWith("62")) international = digits;
  else {
    return fail("it starts with neither 0, +, 00 nor 62: write it as 08… or with the country code, e.g. +62 812…");
  }

  // "+62 (0)812…" or "620812…": the national trunk 0 written after the country code.
  if (international.startsWith("620")) international = `62${international.slice(2).replace(/^0+/, "")}`;
  if (international.startsWith("0")) return fail("a country code never starts with 0");

  if (international.startsWith("62")) {
    const national = international.slice(2);
    if (!national.startsWith("8")) {
      return fail("Indonesian mobile numbers start with 08 (or +62 8); this looks like a landline or a typo");
    }
    if (national.length < 9 || national.length > 12) {
      return fail(`it has ${national.length + 1} digits written as 08…; Indonesian mobile numbers have 10 to 13`);
    }
    return ok(international);
  }
  if (international.length < 8 || international.length > 15) {
    return fail(`it has ${international.length} digits with the country code; international numbers have 8 to 15`);
  }
  return ok(international);
}

/** Thrown by `phoneNumberToJid` when the input is not a plausible mobile number; the message says why. */
export class InvalidPhoneNumberError extends Error {
  constructor(readonly reason: string) {
    super(`Not a usable WhatsApp phone number: ${reason}.`);
    this.name = "InvalidPhoneNumberError";
  }
}

/** The WhatsApp jid ("628123456789@s.whatsapp.net") of a phone number in any common notation. */
export function phoneNumberToJid(input: string): string {
  const result = normalisePhoneNumber(input);
  if (!result.ok) throw new InvalidPhoneNumberError(result.reason);
  return result.jid;
}

function ok(number: string): PhoneNumberResult {
  return { ok: true, number, jid: `${number}${WHATSAPP_USER_SERVER}` };
}

function fail(reason: string): PhoneNumberResult {
  return { ok: false, reason };
}
