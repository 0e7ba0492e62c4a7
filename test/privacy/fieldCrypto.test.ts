// Field encryption: round trips, tampering, context binding, key ids, and the plaintext pass-through
// that lets rows written before encryption keep working until they are rotated.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecryptionError, decryptBytes, decryptText, encryptBytes, encryptText, isEncrypted, keyIdOf } from "../../src/privacy/fieldCrypto.ts";
import { ringPair, testKeyring } from "./support.ts";

const RUNS = { numRuns: 300 };
const intake = { context: "Case.intakeJson" };

/** Runs fn and returns the DecryptionError it throws (fails the test if it throws nothing or something else). */
function decryptionErrorOf(fn: () => unknown): DecryptionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DecryptionError) return error;
    throw error;
  }
  throw new Error("expected a DecryptionError, but the value decrypted");
}

describe("text", () => {
  const ring = testKeyring(["k1"]);

  it("round-trips any Unicode string (every code point, emoji, Javanese, RTL, NUL, empty)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const stored = encryptText(ring, text, intake);
        expect(decryptText(ring, stored, intake)).toBe(text);
      }),
      RUNS,
    );
    for (const text of ["", "\u0000", "Saya ingin bunuh diri 😢", "ꦲꦏ꧀ꦱꦫ", "مرحبا", "a".repeat(100_000)]) {
      expect(decryptText(ring, encryptText(ring, text, intake), intake)).toBe(text);
    }
  });

  it("stores enc:v1:<key id>:<base64url>, nothing of the plaintext, and a different string every time (random IV)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (text) => {
        const a = encryptText(ring, text, intake);
        const b = encryptText(ring, text, intake);
        expect(a).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]+$/);
        expect(a).not.toBe(b);
        expect(isEncrypted(a)).toBe(true);
        expect(keyIdOf(a)).toBe("k1");
        // 12-byte IV + UTF-8 bytes + 16-byte tag, base64url without padding.
        expect(a.length).toBe("enc:v1:k1:".length + Math.ceil(((28 + Buffer.byteLength(text)) * 4) / 3));
      }),
      RUNS,
    );
    const secret = "NIP 197912121999121001 keluhan: cemas";
    expect(encryptText(ring, secret, intake)).not.toContain("1979");
  });

  it("fails with DecryptionError when any character after 'enc:' is changed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), fc.nat(), fc.constantFrom(..."AZaz09_-:+/=.vk!é"), (text, where, replacement) => {
        const stored = encryptText(ring, text, intake);
        const i = 4 + (where % (stored.length - 4));
        fc.pre(stored[i] !== replacement);
        const tampered = stored.slice(0, i) + replacement + stored.slice(i + 1);
        const error = decryptionErrorOf(() => decryptText(ring, tampered, intake));
        expect(error.context).toBe("Case.intakeJson");
      }),
      RUNS,
    );
  });

  it("fails when characters are cut off or added at the end", () => {
    const stored = encryptText(ring, "keluhan", intake);
    for (let cut = 1; cut < stored.length - 4; cut++) decryptionErrorOf(() => decryptText(ring, stored.slice(0, -cut), intake));
    decryptionErrorOf(() => decryptText(ring, `${stored}A`, intake));
  });

  it("binds the column: a value copied into another column does not decrypt there", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("Message.text", "StepRun.note", "case.intakeJson", "Case.intakeJson "), (text, other) => {
        const stored = encryptText(ring, text, intake);
        const error = decryptionErrorOf(() => decryptText(ring, stored, { context: other }));
        expect(error.reason).toBe("authentication_failed");
        expect(error.context).toBe(other);
        expect(error.keyId).toBe("k1");
      }),
      RUNS,
    );
  });

  it("binds the key id: relabelling a value with another key's id fails, and so does a different key under the same id", () => {
    const { k1k2 } = ringPair();
    const stored = encryptText(k1k2, "catatan konseling", intake);
    const relabelled = stored.replace("enc:v1:k1:", "enc:v1:k2:");
    expect(decryptionErrorOf(() => decryptText(k1k2, relabelled, intake)).reason).toBe("authentication_failed");
    const unknown = stored.replace("enc:v1:k1:", "enc:v1:k9:");
    const error = decryptionErrorOf(() => decryptText(k1k2, unknown, intake));
    expect(error.reason).toBe("unknown_key");
    expect(error.message).toContain("k9");
    expect(error.message).toContain("k1, k2");
    const impostor = testKeyring(["k1"]); // same id, other bytes: the "reused id" mistake
    expect(decryptionErrorOf(() => decryptText(impostor, stored, intake)).reason).toBe("authentication_failed");
  });

  it("reads values written under any key of the ring, writes with the active one", () => {
    const { k1Only, k2Active } = ringPair();
    const old = encryptText(k1Only, "lama", intake);
    const fresh = encryptText(k2Active, "baru", intake);
    expect(keyIdOf(old)).toBe("k1");
    expect(keyIdOf(fresh)).toBe("k2");
    expect(decryptText(k2Active, old, intake)).toBe("lama");
    expect(decryptText(k2Active, fresh, intake)).toBe("baru");
    expect(decryptionErrorOf(() => decryptText(k1Only, fresh, intake)).reason).toBe("unknown_key");
  });

  it("returns plaintext rows (no 'enc:' prefix) as they are, so rows from before encryption keep working", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.startsWith("enc:")),
        (legacy) => {
          expect(isEncrypted(legacy)).toBe(false);
          expect(keyIdOf(legacy)).toBeNull();
          expect(decryptText(ring, legacy, intake)).toBe(legacy);
        },
      ),
      RUNS,
    );
    expect(decryptText(ring, '{"nama":"Budi"}', intake)).toBe('{"nama":"Budi"}');
    expect(decryptText(ring, "", intake)).toBe("");
  });

  it("refuses plaintext when the caller says the column is fully encrypted", () => {
    const error = decryptionErrorOf(() => decryptText(ring, '{"nama":"Budi"}', { ...intake, acceptPlaintext: false }));
    expect(error.reason).toBe("plaintext_refused");
    expect(error.message).not.toContain("Budi");
    const stored = encryptText(ring, "ok", intake);
    expect(decryptText(ring, stored, { ...intake, acceptPlaintext: false })).toBe("ok");
  });

  it("treats a damaged 'enc:' value as an error, not as plaintext (including a legacy text that begins with enc:)", () => {
    for (const bad of ["enc:", "enc:v1", "enc:v1:k1", "enc:v1:k1:", "enc:v1:K1:AAAA", "enc:hello there", "enc:v1:k1:" + "A".repeat(37)]) {
      expect(decryptionErrorOf(() => decryptText(ring, bad, intake)).reason).toBe("malformed");
    }
    const later = decryptionErrorOf(() => decryptText(ring, "enc:v2:k1:AAAA", intake));
    expect(later.reason).toBe("unsupported_version");
    expect(later.message).toContain("v2");
    expect(() => keyIdOf("enc:nonsense")).toThrow(DecryptionError);
  });

  it("never puts the plaintext, the stored value or a key into an error message", () => {
    const { k1k2 } = ringPair();
    const plaintext = "rahasia-klien-31.0456";
    const stored = encryptText(k1k2, plaintext, intake);
    const payload = stored.split(":")[3]!;
    const errors = [
      decryptionErrorOf(() => decryptText(k1k2, stored, { context: "Message.text" })),
      decryptionErrorOf(() => decryptText(k1k2, stored.slice(0, -3), intake)),
      decryptionErrorOf(() => decryptText(testKeyring(["k1"]), stored, intake)),
    ];
    for (const error of errors) {
      const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
      expect(everything).not.toContain(plaintext);
      expect(everything).not.toContain(payload.slice(0, 12));
    }
  });

  it("asks for a column name as context", () => {
    expect(() => encryptText(ring, "x", { context: "" })).toThrow(/context must name the column/);
    expect(() => decryptText(ring, "x", { context: "" })).toThrow(/context must name the column/);
  });

  it("writes lone surrogates as U+FFFD, as the database would store the plaintext itself", () => {
    const stored = encryptText(ring, "a\uD800b", intake);
    expect(decryptText(ring, stored, intake)).toBe("a\uFFFDb");
  });
});

describe("bytes", () => {
  const ring = testKeyring(["k1", "k2"], "k2");
  const file = { context: "StoredFile.bytes" };

  it("round-trips any byte array, as a Uint8Array Prisma stores", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const stored = encryptBytes(ring, bytes, file);
        expect(stored).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(stored.subarray(0, 10)).toString("ascii")).toBe("enc:v1:k2:");
        expect(isEncrypted(stored)).toBe(true);
        expect(keyIdOf(stored)).toBe("k2");
        expect(stored.length).toBe(10 + 12 + bytes.length + 16);
        expect(new Uint8Array(decryptBytes(ring, stored, file))).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it("reads a Buffer view into a larger pool (offset) correctly", () => {
    const pool = Buffer.alloc(64, 7);
    const view = pool.subarray(10, 30);
    const stored = encryptBytes(ring, view, file);
    const copy = Buffer.concat([Buffer.from("xx"), Buffer.from(stored)]).subarray(2);
    expect(decryptBytes(ring, copy, file).equals(view)).toBe(true);
  });

  it("differs on every encryption of the same bytes", () => {
    const bytes = Buffer.from("%PDF-1.7 laporan konseling");
    expect(Buffer.from(encryptBytes(ring, bytes, file)).equals(Buffer.from(encryptBytes(ring, bytes, file)))).toBe(false);
  });

  it("fails with DecryptionError when any byte after 'enc:' is changed", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, where, flip) => {
        const stored = encryptBytes(ring, bytes, file);
        const i = 4 + (where % (stored.length - 4));
        stored[i] = stored[i]! ^ flip;
        decryptionErrorOf(() => decryptBytes(ring, stored, file));
      }),
      RUNS,
    );
  });

  it("binds the column for bytes too", () => {
    const stored = encryptBytes(ring, Buffer.from("photo"), file);
    expect(decryptionErrorOf(() => decryptBytes(ring, stored, { context: "Document.content" })).reason).toBe("authentication_failed");
  });

  it("returns plaintext bytes (files stored before encryption) as they are", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        fc.pre(!Buffer.from(bytes.subarray(0, 4)).equals(Buffer.from("enc:")));
        expect(isEncrypted(bytes)).toBe(false);
        expect(keyIdOf(bytes)).toBeNull();
        expect(new Uint8Array(decryptBytes(ring, bytes, file))).toEqual(bytes);
      }),
      RUNS,
    );
    expect(() => decryptBytes(ring, Buffer.from("\x89PNG"), { ...file, acceptPlaintext: false })).toThrow(DecryptionError);
  });
});
