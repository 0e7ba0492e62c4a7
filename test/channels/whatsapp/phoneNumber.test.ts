// Phone numbers in every notation people use become the one WhatsApp form; the rest is refused with a reason.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidPhoneNumberError, normalisePhoneNumber, phoneNumberToJid } from "../../../src/channels/whatsapp/phoneNumber.ts";

describe("normalisePhoneNumber: examples", () => {
  it.each([
    ["081234567890", "6281234567890"],
    ["0812-3456-7890", "6281234567890"],
    ["+62 812-3456-7890", "6281234567890"],
    ["+62 (0)812 3456 7890", "6281234567890"],
    ["62 812 3456 7890", "6281234567890"],
    ["006281234567890", "6281234567890"],
    ["0811 234 567", "62811234567"],
    ["+49 151 23456789", "4915123456789"],
    ["+1 (415) 555-2671", "14155552671"],
    [" 0812.3456.7890 ", "6281234567890"],
  ])("%s → %s", (input, number) => {
    expect(normalisePhoneNumber(input)).toEqual({ ok: true, number, jid: `${number}@s.whatsapp.net` });
  });

  it.each([
    ["", /empty/],
    ["0812-3456-789O", /characters other than digits/],
    ["021-555-1234", /landline/],
    ["0812 34", /Indonesian mobile numbers have 10 to 13/],
    ["0812 3456 7890 1234", /Indonesian mobile numbers have 10 to 13/],
    ["812345678", /starts with neither/],
    ["62+81234567890", /\+ may only stand at the very start/],
    ["+1 234", /international numbers have 8 to 15/],
    ["+1234567890123456", /8 to 15/],
    ["00", /8 to 15/],
  ])("refuses %j", (input, reason) => {
    const result = normalisePhoneNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("phoneNumberToJid throws a clear error", () => {
    expect(phoneNumberToJid("0812-3456-7890")).toBe("6281234567890@s.whatsapp.net");
    expect(() => phoneNumberToJid("halo")).toThrow(InvalidPhoneNumberError);
    expect(() => phoneNumberToJid("halo")).toThrow(/Not a usable WhatsApp phone number: it contains characters/);
  });
});

/** An Indonesian mobile number without the trunk 0: 8 followed by 8 to 11 digits. */
const nationalMobile = fc
  .tuple(fc.integer({ min: 8, max: 11 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }))
  .map(([length, digits]) => `8${digits.slice(0, length).join("")}`);

/** Writes digits in groups with random separators, as people do. */
const grouped = (digits: string) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom("", " ", "-", ".", "  ")), { minLength: 1, maxLength: 8 }).map((cuts) => {
    let out = "";
    let at = 0;
    for (const [size, sep] of cuts) {
      if (at >= digits.length) break;
      out += digits.slice(at, at + size) + sep;
      at += size;
    }
    return (out + digits.slice(at)).trim();
  });

describe("normalisePhoneNumber: properties", () => {
  it("every notation of an Indonesian mobile number gives 62 + the number", () => {
    fc.assert(
      fc.property(
        nationalMobile.chain((n) => fc.tuple(fc.constant(n), fc.constantFrom("0", "+62 ", "62", "0062 ", "+62 (0)", "+62-"), grouped(n))),
        ([national, prefix, written]) => {
          const result = normalisePhoneNumber(`${prefix}${written}`);
          expect(result).toEqual({ ok: true, number: `62${national}`, jid: `62${national}@s.whatsapp.net` });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws; what it accepts is digits only, 8–15 long, stable when written back with +", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+0-9 ()\-.]{0,24}$/)), (input) => {
        const result = normalisePhoneNumber(input);
        if (!result.ok) {
          expect(result.reason.length).toBeGreaterThan(10);
          return;
        }
        expect(result.number).toMatch(/^[1-9]\d{7,14}$/);
        expect(result.jid).toBe(`${result.number}@s.whatsapp.net`);
        if (result.number.startsWith("62")) expect(result.number).toMatch(/^628\d{8,11}$/);
        expect(normalisePhoneNumber(`+${result.number}`)).toEqual(result);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses anything with a letter in it", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCXYZ"), fc.string(), (a, letter, b) => {
        expect(normalisePhoneNumber(`${a}${letter}${b}`).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
