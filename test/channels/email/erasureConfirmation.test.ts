// The HAPUS confirmation code: made for one address, valid for a day, found in a reply's subject or first line.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ERASURE_CODE_HOURS, erasureCode, erasureCodeValid, findErasureCode } from "../../../src/channels/email/erasureConfirmation.ts";
import { HashKey } from "../../../src/privacy/index.ts";

const key = new HashKey(randomBytes(32));
const NOW = new Date("2026-12-02T03:00:00Z");
const later = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

describe("HAPUS confirmation codes", () => {
  it("holds for the address it was made for, until it expires", () => {
    const code = erasureCode(key, "Klien@Unit.go.id", NOW);
    expect(code).toMatch(/^[0-9a-z]{4,8}-[0-9a-f]{12}$/);
    expect(erasureCodeValid(key, { address: "klien@unit.go.id", code, now: later(1) })).toBe(true);
    expect(erasureCodeValid(key, { address: "klien@unit.go.id", code, now: later(ERASURE_CODE_HOURS - 1) })).toBe(true);
    expect(erasureCodeValid(key, { address: "klien@unit.go.id", code, now: later(ERASURE_CODE_HOURS + 1) })).toBe(false);
    expect(erasureCodeValid(key, { address: "other@unit.go.id", code, now: later(1) })).toBe(false);
    expect(erasureCodeValid(new HashKey(randomBytes(32)), { address: "klien@unit.go.id", code, now: later(1) })).toBe(false);
  });

  it("refuses a code whose expiry was moved, and what is no code at all", () => {
    const [expiry, mac] = erasureCode(key, "klien@unit.go.id", NOW).split("-");
    const moved = `${(Number.parseInt(expiry!, 36) + 100).toString(36)}-${mac}`;
    expect(erasureCodeValid(key, { address: "klien@unit.go.id", code: moved, now: later(1) })).toBe(false);
    for (const junk of ["", "abc", "-", "zzzzzzzzzzzz-000000000000"])
      expect(erasureCodeValid(key, { address: "klien@unit.go.id", code: junk, now: NOW })).toBe(false);
  });

  it("is found in a reply's subject or first line", () => {
    const code = erasureCode(key, "klien@unit.go.id", NOW);
    expect(findErasureCode(`Re: Konfirmasi penghapusan data [HAPUS ${code}]`, "HAPUS")).toBe(code);
    expect(findErasureCode("Re: lain", `HAPUS ${code.toUpperCase()}`)).toBe(code);
    expect(findErasureCode("Re: lain", "HAPUS")).toBeNull();
  });
});
