// Lookup hashes: stable under the same key, different under another, the same for the forms people
// type, and never shared between kinds.
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { HashKey, lookupHash, LookupValueError, normaliseForLookup, type LookupKind } from "../../src/privacy/keyedHash.ts";
import { testHashKey } from "./support.ts";

const RUNS = { numRuns: 300 };
const KINDS: LookupKind[] = ["npp", "nip", "phone", "email"];
/** Digits as people type them: an optional +, 8-18 digits with spaces, dashes and dots between. */
const typedNumber = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom("", "", " ", "-", ".")), { minLength: 8, maxLength: 18 }))
  .map(
    ([plus, parts]) =>
      (plus ? "+" : "") +
      parts
        .map(([d, sep]) => `${d}${sep}`)
        .join("")
        .trim(),
  );

describe("lookupHash", () => {
  const key = testHashKey();

  it("is a 64-hex HMAC-SHA256, the same every time for the same key, kind and value", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.stringMatching(/^[1-9][0-9]{7,17}$/), (kind, digits) => {
        const a = lookupHash(key, kind, digits);
        expect(a).toMatch(/^[0-9a-f]{64}$/);
        expect(lookupHash(key, kind, digits)).toBe(a);
        expect(lookupHash(new HashKey(Buffer.from(randomBytes(32))), kind, digits)).not.toBe(a);
      }),
      RUNS,
    );
  });

  it("keeps kinds apart: an NPP, a NIP and a phone with the same digits never collide", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8,15}$/), (digits) => {
        const hashes = new Set(KINDS.map((kind) => lookupHash(key, kind, digits)));
        expect(hashes.size).toBe(KINDS.length);
      }),
      RUNS,
    );
  });

  it("finds the same row whatever form was typed", () => {
    const same = (kind: LookupKind, ...forms: string[]) => expect(new Set(forms.map((f) => lookupHash(key, kind, f))).size).toBe(1);
    same("npp", "31.0456", "310456", " 31 0456 ", "31-0456");
    same("nip", "19791212 199912 1 001", "197912121999121001", "19791212.199912.1.001");
    same("phone", "+62 812-3456-7890", "081234567890", "0062 812 3456 7890", "6281234567890", "+62 (0)812 3456 7890", "+6281234567890");
    same("email", "Budi.Santoso@IPDN.ac.id", " budi.santoso@ipdn.ac.id ");
    expect(lookupHash(key, "npp", "31.0456")).not.toBe(lookupHash(key, "npp", "31.0457"));
    expect(lookupHash(key, "phone", "081234567890")).not.toBe(lookupHash(key, "phone", "081234567891"));
  });

  it("matches what intake stores (intake writes NPP 31.0456, NIP grouped, phone +62…, email lower-case)", () => {
    expect(normaliseForLookup("npp", "31.0456")).toBe("310456");
    expect(normaliseForLookup("nip", "19791212 199912 1 001")).toBe("197912121999121001");
    expect(normaliseForLookup("phone", "+6281234567890")).toBe("+6281234567890");
    expect(normaliseForLookup("phone", "081234567890")).toBe("+6281234567890");
    expect(normaliseForLookup("email", "A@B.ID")).toBe("a@b.id");
  });

  it("is stable under normalisation: hashing a normalised value gives the same hash", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), typedNumber, (kind, value) => {
        expect(lookupHash(key, kind, normaliseForLookup(kind, value))).toBe(lookupHash(key, kind, value));
      }),
      RUNS,
    );
  });

  it("refuses values with nothing to hash and unknown kinds, without echoing the value", () => {
    expect(() => lookupHash(key, "npp", "abc-secret")).toThrow(LookupValueError);
    expect(() => lookupHash(key, "phone", "0812abc")).toThrow(/phone: it is not digits/);
    expect(() => lookupHash(key, "email", "  ")).toThrow(LookupValueError);
    expect(() => lookupHash(key, "ktp" as LookupKind, "1")).toThrow(/unknown kind; expected one of npp, nip, phone, email/);
    expect(() => lookupHash(key, "constructor" as LookupKind, "1")).toThrow(/unknown kind/);
    try {
      lookupHash(key, "npp", "abc-secret");
    } catch (error) {
      expect((error as Error).message).not.toContain("secret");
    }
  });
});

describe("HashKey", () => {
  it("needs 32 bytes and does not show them", () => {
    expect(() => new HashKey(randomBytes(31))).toThrow("HASH_KEY is 31 bytes; keyed hashes need at least 32");
    const bytes = randomBytes(32);
    const key = new HashKey(bytes);
    const shown = `${JSON.stringify({ key })} ${inspect(key, { showHidden: true })}`;
    expect(shown).not.toContain(bytes.toString("base64").slice(0, 12));
    expect(shown).not.toContain(bytes.toString("hex").slice(0, 12));
  });
});
