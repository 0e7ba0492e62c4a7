import { describe, expect, it } from "vitest";
import { formatDocumentDate, formatDocumentDateTime, isKnownTimeZone } from "../../src/documents/documentDates.ts";
import { notaDinasNumber } from "../../src/documents/notaDinas/notaDinasNumber.ts";

const WIB = "Asia/Jakarta";

describe("notaDinasNumber", () => {
  it("is ND-<case>/<unit>/<roman month>/<year>", () => {
    expect(notaDinasNumber({ caseNo: 12, date: new Date("2026-11-30T08:00:00Z"), timeZone: WIB })).toBe("ND-12/BK/XI/2026");
    expect(notaDinasNumber({ caseNo: 7, date: new Date("2027-04-01T03:00:00Z"), timeZone: WIB, unitCode: "PUSPAGA" })).toBe("ND-7/PUSPAGA/IV/2027");
  });

  it("takes month and year in the organisation's zone, not UTC", () => {
    // 31 December 2026 18:00 UTC is 1 January 2027 01:00 WIB.
    expect(notaDinasNumber({ caseNo: 3, date: new Date("2026-12-31T18:00:00Z"), timeZone: WIB })).toBe("ND-3/BK/I/2027");
  });

  it("numbers a case's later memos with a suffix, the first one without", () => {
    const base = { caseNo: 12, date: new Date("2026-11-30T08:00:00Z"), timeZone: WIB };
    expect(notaDinasNumber({ ...base, sequence: 1 })).toBe("ND-12/BK/XI/2026");
    expect(notaDinasNumber({ ...base, sequence: 3 })).toBe("ND-12-3/BK/XI/2026");
  });
});

describe("document dates", () => {
  it("prints date and time as the chat does, in WIB", () => {
    expect(formatDocumentDateTime(new Date("2026-11-30T08:00:00Z"), WIB)).toBe("Senin, 30 November 2026 15.00 WIB");
    expect(formatDocumentDateTime(new Date("2026-11-30T08:00:00Z"), "Asia/Makassar")).toBe("Senin, 30 November 2026 16.00 WITA");
  });

  it("prints a letter's date line", () => {
    expect(formatDocumentDate(new Date("2026-08-16T20:00:00Z"), WIB)).toBe("17 Agustus 2026");
  });

  it("knows real zones from made-up ones", () => {
    expect(isKnownTimeZone(WIB)).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus")).toBe(false);
    expect(isKnownTimeZone("")).toBe(false);
  });
});
