// The keyring: what it refuses, and that it never shows its keys.
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { generateKey, Keyring, KeyringError, nextKeyId } from "../../src/privacy/keyring.ts";
import { createLogger } from "../../src/logger.ts";

const key = () => randomBytes(32);

describe("Keyring", () => {
  it("holds keys by id with one active", () => {
    const ring = new Keyring({
      keys: [
        { id: "k1", key: key() },
        { id: "k2", key: key() },
      ],
      activeKeyId: "k2",
    });
    expect(ring.activeKeyId).toBe("k2");
    expect(ring.keyIds).toEqual(["k1", "k2"]);
    expect(ring.keyFor("k1")?.symmetricKeySize).toBe(32);
    expect(ring.keyFor("k3")).toBeUndefined();
    expect(ring.source).toBe("configured");
  });

  it("refuses short keys, bad or duplicate ids and an active id it does not hold, naming each problem", () => {
    const attempt = (keys: { id: string; key: Buffer }[], active: string) => {
      try {
        new Keyring({ keys, activeKeyId: active });
      } catch (error) {
        expect(error).toBeInstanceOf(KeyringError);
        return (error as KeyringError).problems;
      }
      throw new Error("expected a KeyringError");
    };
    expect(attempt([{ id: "k2", key: randomBytes(16) }], "k2")).toEqual(["key k2 is 16 bytes; AES-256 needs 32"]);
    expect(attempt([{ id: "k1", key: key() }], "k9")).toEqual(["the active key k9 is not among the keys (k1)"]);
    expect(
      attempt(
        [
          { id: "k1", key: key() },
          { id: "k1", key: key() },
        ],
        "k1",
      ),
    ).toEqual(["key id k1 appears twice; give every key its own id"]);
    expect(attempt([{ id: "Key One", key: key() }], "k1")).toEqual([
      "key #1 has an id that is not 1-16 characters of a-z, 0-9, _ and -",
      "the active key k1 is not among the keys (#1)",
    ]);
    expect(attempt([], "k1")).toEqual(["it holds no keys"]);
  });

  it("never prints, logs or serialises key bytes", () => {
    const bytes = key();
    const ring = new Keyring({ keys: [{ id: "k1", key: bytes }], activeKeyId: "k1" });
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    logger.info({ ring }, "keyring loaded");
    const shown = [JSON.stringify(ring), inspect(ring, { depth: 10, showHidden: true }), String(ring), lines.join("")].join("\n");
    for (const encoding of ["base64", "hex", "base64url"] as const) expect(shown).not.toContain(bytes.toString(encoding).slice(0, 16));
    expect(JSON.parse(JSON.stringify(ring))).toEqual({ activeKeyId: "k1", keyIds: ["k1"], source: "configured" });
  });

  it("copies the key, so the caller may wipe its buffer", () => {
    const bytes = key();
    const ring = new Keyring({ keys: [{ id: "k1", key: bytes }], activeKeyId: "k1" });
    const before = ring.keyFor("k1")!.export().toString("hex");
    bytes.fill(0);
    expect(ring.keyFor("k1")!.export().toString("hex")).toBe(before);
  });
});

describe("generateKey and nextKeyId (for `keys new`)", () => {
  it("makes 32 random bytes as base64, different every time", () => {
    const a = generateKey();
    expect(Buffer.from(a, "base64")).toHaveLength(32);
    expect(a).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(generateKey()).not.toBe(a);
  });

  it("suggests the next id in the k1, k2, ... series", () => {
    expect(nextKeyId([])).toBe("k1");
    expect(nextKeyId(["k1"])).toBe("k2");
    expect(nextKeyId(["k1", "k7", "old"])).toBe("k8");
    expect(nextKeyId(["dev1"])).toBe("k1");
  });
});
