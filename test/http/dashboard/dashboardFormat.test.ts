// How the dashboard writes a calendar's office hours: the usual ones, then the weekdays that differ.
import { describe, expect, it } from "vitest";
import { formatHours } from "../../../src/http/dashboard/dashboardFormat.ts";
import { dashboardTextsFor } from "../../../src/i18n/dashboard.ts";

const usual = { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: [] };

describe("formatHours", () => {
  it("writes the usual hours, and a weekday with other hours after them", () => {
    expect(formatHours(usual, dashboardTextsFor("id"))).toBe("07.30–16.00");
    expect(formatHours({ ...usual, hours: [{ days: [5], start: "07:30", end: "16:00" }] }, dashboardTextsFor("id"))).toBe("07.30–16.00");
    const friday = { ...usual, hours: [{ days: [5], start: "07:30", end: "16:30" }] };
    expect(formatHours(friday, dashboardTextsFor("id"))).toBe("07.30–16.00; Jumat 07.30–16.30");
    expect(formatHours(friday, dashboardTextsFor("en"))).toBe("07:30–16:00; Friday 07:30–16:30");
  });
});
