// The one rule every report counts a step's time by: standards and times taken in minutes of the step's own
// clock (a working day is the calendar's usual day, not 1,440 minutes).
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/core/duration.ts";
import { clockOf, minutesOnClock, minutesTaken, standardMinutes } from "../../src/core/stepTime.ts";
import type { WorkingCalendar } from "../../src/core/workingTime.ts";

const WIB: WorkingCalendar = { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: ["2026-12-25"] };
const wib = (local: string) => new Date(`${local}+07:00`);
const d = (text: string) => parseDuration(text)!;

describe("standardMinutes", () => {
  it("counts a working-clock day as the usual working day, and a calendar-clock day as 1,440 minutes", () => {
    expect(standardMinutes(d("1 hari"), "working", WIB)).toBe(510);
    expect(standardMinutes(d("3d"), "working", WIB)).toBe(1530);
    expect(standardMinutes(d("1d"), "calendar", WIB)).toBe(1440);
    expect(standardMinutes(d("2 jam"), "working", WIB)).toBe(120);
    expect(standardMinutes(d("15m"), "calendar", WIB)).toBe(15);
  });

  it("keeps the usual day when Fridays or a period have other hours", () => {
    const friday: WorkingCalendar = { ...WIB, hours: [{ days: [5], start: "07:30", end: "16:30" }] };
    expect(standardMinutes(d("1d"), "working", friday)).toBe(510);
  });
});

describe("minutesOnClock and minutesTaken", () => {
  it("counts working minutes on the working clock (nights, weekends and holidays left out) and elapsed ones on the calendar clock", () => {
    expect(minutesOnClock(wib("2026-12-24T15:00:00"), wib("2026-12-28T08:00:00"), "working", WIB)).toBe(60 + 30);
    expect(minutesOnClock(wib("2026-12-24T15:00:00"), wib("2026-12-28T08:00:00"), "calendar", WIB)).toBe(4 * 1440 - 7 * 60);
    expect(minutesOnClock(wib("2026-12-28T08:00:00"), wib("2026-12-24T15:00:00"), "calendar", WIB)).toBe(0);
  });

  it("takes the stored minutes of a done run and counts an open one until now", () => {
    const asked = wib("2026-11-30T09:00:00");
    expect(minutesTaken({ askedAt: asked, actedAt: wib("2026-11-30T09:20:00"), actualMin: 20, clock: "working" }, WIB, wib("2026-12-09T00:00:00"))).toBe(20);
    expect(minutesTaken({ askedAt: asked, actedAt: null, actualMin: null, clock: "working" }, WIB, wib("2026-12-01T08:00:00"))).toBe(420 + 30);
    expect(minutesTaken({ askedAt: asked, actedAt: null, actualMin: null, clock: "calendar" }, WIB, wib("2026-12-01T08:00:00"))).toBe(23 * 60);
  });

  it("reads a stored clock, working by default", () => {
    expect([clockOf("calendar"), clockOf("working"), clockOf("")]).toEqual(["calendar", "working", "working"]);
  });
});
