import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { WorkingCalendar } from "../../src/flows/flowSchema.ts";
import { parseDuration, type Duration } from "../../src/core/duration.ts";
import {
  deadlineFor,
  formatLocal,
  isWorkingTime,
  MAX_SCAN_DAYS,
  nextOpening,
  officeHoursOn,
  usualWorkingDayMinutes,
  workingMinutesBetween,
} from "../../src/core/workingTime.ts";
import { loadFlowsFromDir } from "../../src/flows/loadFlows.ts";

const WIB: WorkingCalendar = {
  timeZone: "Asia/Jakarta",
  workingDays: [1, 2, 3, 4, 5],
  start: "07:30",
  end: "16:00",
  holidays: [],
};

const withHolidays = (...holidays: string[]): WorkingCalendar => ({ ...WIB, holidays });
const wib = (local: string) => new Date(`${local}+07:00`);
const dur = (text: string): Duration => {
  const d = parseDuration(text);
  if (!d) throw new Error(`bad duration ${text}`);
  return d;
};
const working = (start: Date, text: string, calendar: WorkingCalendar = WIB) => deadlineFor({ start, duration: dur(text), clock: "working", calendar });

describe("test dates", () => {
  it("fall on the weekdays the tests assume", () => {
    const weekday = (iso: string) => DateTime.fromISO(iso, { zone: "Asia/Jakarta" }).weekdayLong;
    expect(weekday("2026-11-27")).toBe("Friday");
    expect(weekday("2026-11-28")).toBe("Saturday");
    expect(weekday("2026-11-30")).toBe("Monday");
    expect(weekday("2026-12-24")).toBe("Thursday");
    expect(weekday("2026-12-25")).toBe("Friday");
    expect(weekday("2026-12-28")).toBe("Monday");
  });
});

describe("deadlineFor, working clock, days", () => {
  it("1d started Friday 15:00 WIB lands on Monday 15:00 WIB", () => {
    expect(working(wib("2026-11-27T15:00:00"), "1d")).toEqual(wib("2026-11-30T15:00:00"));
  });

  it("skips a Monday holiday: Tuesday 15:00", () => {
    expect(working(wib("2026-11-27T15:00:00"), "1d", withHolidays("2026-11-30"))).toEqual(wib("2026-12-01T15:00:00"));
  });

  it("3d across a weekend: Thursday 10:00 → Tuesday 10:00", () => {
    expect(working(wib("2026-11-26T10:00:00"), "3d")).toEqual(wib("2026-12-01T10:00:00"));
  });

  it("3d across a weekend and the 25 Dec holiday", () => {
    // Wed 23 Dec 09:00: Thu 24 (1), Fri 25 holiday, Mon 28 (2), Tue 29 (3).
    expect(working(wib("2026-12-23T09:00:00"), "3d", withHolidays("2026-12-25"))).toEqual(wib("2026-12-29T09:00:00"));
  });

  it("keeps seconds of the start time", () => {
    expect(working(wib("2026-11-27T15:59:30"), "1d")).toEqual(wib("2026-11-30T15:59:30"));
  });

  it("started on a weekend: closing of the Nth working day from the next opening", () => {
    expect(working(wib("2026-11-28T10:00:00"), "1d")).toEqual(wib("2026-11-30T16:00:00"));
    expect(working(wib("2026-11-28T10:00:00"), "2d")).toEqual(wib("2026-12-01T16:00:00"));
  });

  it("started after closing: closing of the next working day", () => {
    expect(working(wib("2026-11-27T17:00:00"), "1d")).toEqual(wib("2026-11-30T16:00:00"));
    expect(working(wib("2026-11-27T16:00:00"), "1d")).toEqual(wib("2026-11-30T16:00:00"));
  });

  it("started before or exactly at opening: closing of that same day", () => {
    expect(working(wib("2026-11-27T06:00:00"), "1d")).toEqual(wib("2026-11-27T16:00:00"));
    expect(working(wib("2026-11-27T07:30:00"), "1d")).toEqual(wib("2026-11-27T16:00:00"));
    expect(working(wib("2026-11-27T07:31:00"), "1d")).toEqual(wib("2026-11-30T07:31:00"));
  });

  it("1d always spans exactly one working day of working minutes", () => {
    for (const start of ["2026-11-27T07:30:00", "2026-11-27T12:00:00", "2026-11-27T17:00:00", "2026-11-28T10:00:00"]) {
      const s = wib(start);
      expect(workingMinutesBetween(s, working(s, "1d"), WIB)).toBe(510);
    }
  });
});

describe("deadlineFor, working clock, minutes and hours", () => {
  it("15m at 15:55 uses 5 minutes today and ends 07:40 the next working morning", () => {
    expect(working(wib("2026-11-26T15:55:00"), "15m")).toEqual(wib("2026-11-27T07:40:00"));
  });

  it("15m at Friday 15:55 ends Monday 07:40", () => {
    expect(working(wib("2026-11-27T15:55:00"), "15m")).toEqual(wib("2026-11-30T07:40:00"));
  });

  it("30m at 07:00 (before opening) ends 08:00", () => {
    expect(working(wib("2026-11-26T07:00:00"), "30m")).toEqual(wib("2026-11-26T08:00:00"));
  });

  it("45m started on Saturday ends Monday 08:15", () => {
    expect(working(wib("2026-11-28T11:00:00"), "45m")).toEqual(wib("2026-11-30T08:15:00"));
  });

  it("15m at 24 Dec 15:50 with 25 Dec a holiday ends Monday 28 Dec 07:35", () => {
    expect(working(wib("2026-12-24T15:50:00"), "15m", withHolidays("2026-12-25"))).toEqual(wib("2026-12-28T07:35:00"));
  });

  it("a step ending exactly at closing ends at closing, not next morning", () => {
    expect(working(wib("2026-11-26T15:45:00"), "15m")).toEqual(wib("2026-11-26T16:00:00"));
    expect(working(wib("2026-11-26T14:00:00"), "2h")).toEqual(wib("2026-11-26T16:00:00"));
  });

  it("a step started exactly at closing counts from the next opening", () => {
    expect(working(wib("2026-11-26T16:00:00"), "15m")).toEqual(wib("2026-11-27T07:45:00"));
  });

  it("hours carry over nights: 2h at 15:00 ends 08:30 next morning", () => {
    expect(working(wib("2026-11-26T15:00:00"), "2h")).toEqual(wib("2026-11-27T08:30:00"));
  });

  it("a multi-day amount of hours: 20h from Monday opening", () => {
    // 8.5 h per day: Mon 8.5, Tue 8.5, Wed 3 → Wed 10:30.
    expect(working(wib("2026-11-30T07:30:00"), "20h")).toEqual(wib("2026-12-02T10:30:00"));
  });
});

describe("deadlineFor, calendar clock", () => {
  const calendarClock = (start: Date, text: string) => deadlineFor({ start, duration: dur(text), clock: "calendar", calendar: WIB });

  it("ignores working hours, weekends and holidays", () => {
    expect(calendarClock(wib("2026-11-27T15:00:00"), "2h")).toEqual(wib("2026-11-27T17:00:00"));
    expect(calendarClock(wib("2026-11-27T15:55:00"), "15m")).toEqual(wib("2026-11-27T16:10:00"));
    expect(calendarClock(wib("2026-11-27T15:00:00"), "1d")).toEqual(wib("2026-11-28T15:00:00"));
    expect(deadlineFor({ start: wib("2026-12-24T15:00:00"), duration: dur("1d"), clock: "calendar", calendar: withHolidays("2026-12-25") })).toEqual(
      wib("2026-12-25T15:00:00"),
    );
  });

  it("counts days as calendar days in the zone (same wall-clock time across a DST change)", () => {
    const berlin: WorkingCalendar = { ...WIB, timeZone: "Europe/Berlin" };
    // Europe/Berlin leaves summer time on 25 Oct 2026.
    const due = deadlineFor({ start: new Date("2026-10-24T10:00:00+02:00"), duration: dur("1d"), clock: "calendar", calendar: berlin });
    expect(due).toEqual(new Date("2026-10-25T10:00:00+01:00"));
  });
});

describe("isWorkingTime and nextOpening", () => {
  it("treats opening as working time and closing as not", () => {
    expect(isWorkingTime(wib("2026-11-27T07:30:00"), WIB)).toBe(true);
    expect(isWorkingTime(wib("2026-11-27T15:59:59"), WIB)).toBe(true);
    expect(isWorkingTime(wib("2026-11-27T16:00:00"), WIB)).toBe(false);
    expect(isWorkingTime(wib("2026-11-27T07:29:59"), WIB)).toBe(false);
    expect(isWorkingTime(wib("2026-11-28T10:00:00"), WIB)).toBe(false);
    expect(isWorkingTime(wib("2026-12-25T10:00:00"), withHolidays("2026-12-25"))).toBe(false);
  });

  it("returns the instant itself inside working time, otherwise the next opening", () => {
    expect(nextOpening(wib("2026-11-27T10:15:00"), WIB)).toEqual(wib("2026-11-27T10:15:00"));
    expect(nextOpening(wib("2026-11-27T06:00:00"), WIB)).toEqual(wib("2026-11-27T07:30:00"));
    expect(nextOpening(wib("2026-11-27T16:00:00"), WIB)).toEqual(wib("2026-11-30T07:30:00"));
    expect(nextOpening(wib("2026-12-24T18:00:00"), withHolidays("2026-12-25"))).toEqual(wib("2026-12-28T07:30:00"));
  });

  it("uses the calendar's zone, not UTC, to decide the day", () => {
    // 2026-11-29T23:30Z is Monday 06:30 WIB: the day is Monday, opening at 07:30 WIB.
    expect(nextOpening(new Date("2026-11-29T23:30:00Z"), WIB)).toEqual(wib("2026-11-30T07:30:00"));
  });
});

describe("workingMinutesBetween", () => {
  it("is 0 when to is not after from", () => {
    expect(workingMinutesBetween(wib("2026-11-27T10:00:00"), wib("2026-11-27T10:00:00"), WIB)).toBe(0);
    expect(workingMinutesBetween(wib("2026-11-27T10:00:00"), wib("2026-11-27T09:00:00"), WIB)).toBe(0);
  });

  it("counts within a day", () => {
    expect(workingMinutesBetween(wib("2026-11-26T09:00:00"), wib("2026-11-26T10:15:00"), WIB)).toBe(75);
  });

  it("skips a night", () => {
    // Thu 15:30 → Fri 08:00: 30 + 30.
    expect(workingMinutesBetween(wib("2026-11-26T15:30:00"), wib("2026-11-27T08:00:00"), WIB)).toBe(60);
  });

  it("skips a weekend and a holiday", () => {
    // Fri 15:00 → Mon 09:00: 60 + 90.
    expect(workingMinutesBetween(wib("2026-11-27T15:00:00"), wib("2026-11-30T09:00:00"), WIB)).toBe(150);
    // Thu 24 Dec 15:00 → Mon 28 Dec 08:00 with 25 Dec off: 60 + 30.
    expect(workingMinutesBetween(wib("2026-12-24T15:00:00"), wib("2026-12-28T08:00:00"), withHolidays("2026-12-25"))).toBe(90);
  });

  it("is 0 entirely outside working time", () => {
    expect(workingMinutesBetween(wib("2026-11-28T08:00:00"), wib("2026-11-29T20:00:00"), WIB)).toBe(0);
  });

  it("agrees with deadlineFor", () => {
    const start = wib("2026-12-24T15:50:00");
    const cal = withHolidays("2026-12-25");
    expect(workingMinutesBetween(start, working(start, "15m", cal), cal)).toBe(15);
    expect(workingMinutesBetween(start, working(start, "3h", cal), cal)).toBe(180);
  });
});

describe("formatLocal", () => {
  const at = wib("2026-11-30T15:00:00");

  it("formats in Indonesian and English with WIB", () => {
    expect(formatLocal(at, WIB, "id")).toBe("Senin, 30 November 2026 15.00 WIB");
    expect(formatLocal(at, WIB, "en")).toBe("Monday, 30 November 2026 15:00 WIB");
  });

  it("names WITA and WIT and shows the local time of those zones", () => {
    expect(formatLocal(at, { ...WIB, timeZone: "Asia/Makassar" }, "id")).toBe("Senin, 30 November 2026 16.00 WITA");
    expect(formatLocal(at, { ...WIB, timeZone: "Asia/Jayapura" }, "en")).toBe("Monday, 30 November 2026 17:00 WIT");
  });

  it("uses the zone's offset name elsewhere", () => {
    expect(formatLocal(at, { ...WIB, timeZone: "UTC" }, "en")).toBe("Monday, 30 November 2026 08:00 UTC");
    expect(formatLocal(wib("2026-08-17T10:05:00"), { ...WIB, timeZone: "Europe/Berlin" }, "id")).toBe("Senin, 17 Agustus 2026 05.05 GMT+2");
  });
});

describe("guards", () => {
  const start = wib("2026-11-27T15:00:00");

  it("rejects a calendar whose end is not after its start", () => {
    expect(() => working(start, "15m", { ...WIB, start: "16:00", end: "16:00" })).toThrow(/end 16:00 is not after start 16:00/);
    expect(() => isWorkingTime(start, { ...WIB, start: "16:00", end: "07:30" })).toThrow(/no working minutes/);
  });

  it("rejects a calendar with no working days", () => {
    expect(() => nextOpening(start, { ...WIB, workingDays: [] })).toThrow(/no working days/);
  });

  it("rejects bad weekdays, hours, zones and holidays", () => {
    expect(() => nextOpening(start, { ...WIB, workingDays: [0, 1] })).toThrow(/workingDays/);
    expect(() => nextOpening(start, { ...WIB, start: "7:30" })).toThrow(/start must be "HH:MM"/);
    expect(() => nextOpening(start, { ...WIB, timeZone: "Asia/Nowhere" })).toThrow(/time zone/);
    expect(() => nextOpening(start, { ...WIB, holidays: ["2026-13-45"] })).toThrow(/holiday/);
  });

  it("rejects invalid dates and durations", () => {
    expect(() => nextOpening(new Date("nonsense"), WIB)).toThrow(/not a valid date/);
    expect(() => deadlineFor({ start, duration: { amount: 0, unit: "minute" }, clock: "working", calendar: WIB })).toThrow(/amount/);
  });

  it("bounds the scan when every working day is a holiday", () => {
    // Only Mondays work, and every Monday for the next eleven years is a holiday.
    const holidays: string[] = [];
    let monday = DateTime.fromISO("2026-11-30", { zone: "Asia/Jakarta" });
    for (let i = 0; i < 600; i++, monday = monday.plus({ weeks: 1 })) holidays.push(monday.toISODate()!);
    const cal: WorkingCalendar = { ...WIB, workingDays: [1], holidays };
    expect(() => nextOpening(start, cal)).toThrow(RangeError);
    expect(() => working(start, "15m", cal)).toThrow(new RegExp(`more than ${MAX_SCAN_DAYS} days`));
  });

  it("bounds absurdly long durations", () => {
    expect(() => working(start, "5000d")).toThrow(RangeError);
    expect(() => working(start, "100000h")).toThrow(RangeError);
  });
});

describe("office hours per weekday and dated periods", () => {
  // Friday as Keppres 68/1995 has it for ASN, and Ramadan 1448 H as the MenPANRB circulars have it.
  const ASN: WorkingCalendar = { ...WIB, hours: [{ days: [5], start: "07:30", end: "16:30" }] };
  const RAMADAN: WorkingCalendar = {
    ...ASN,
    periods: [
      {
        name: "Ramadan 1448 H",
        from: "2027-02-08",
        to: "2027-03-09",
        hours: [
          { days: [1, 2, 3, 4], start: "08:00", end: "15:00" },
          { days: [5], start: "08:00", end: "15:30" },
        ],
      },
    ],
  };

  it("gives Friday its own closing time", () => {
    expect(officeHoursOn("2026-12-04", ASN)).toEqual({ start: "07:30", end: "16:30" });
    expect(officeHoursOn("2026-12-03", ASN)).toEqual({ start: "07:30", end: "16:00" });
    expect(working(wib("2026-12-04T16:00:00"), "15m", ASN)).toEqual(wib("2026-12-04T16:15:00")); // Friday: still open
    expect(working(wib("2026-12-03T16:00:00"), "15m", ASN)).toEqual(wib("2026-12-04T07:45:00")); // Thursday: closed
    expect(workingMinutesBetween(wib("2026-12-04T07:30:00"), wib("2026-12-07T07:30:00"), ASN)).toBe(540);
  });

  it("keeps a day standard's time of day inside a shorter day's window", () => {
    // Friday 16:15 + 1 hari: Monday closes at 16:00, so the deadline is Monday's closing.
    expect(working(wib("2026-12-04T16:15:00"), "1d", ASN)).toEqual(wib("2026-12-07T16:00:00"));
    // Ramadan Thursday 14:30 + 1 hari: Friday 14:30, inside Friday's 08:00-15:30.
    expect(working(wib("2027-02-11T14:30:00"), "1d", RAMADAN)).toEqual(wib("2027-02-12T14:30:00"));
    // Friday 07:45 before Ramadan + 1 hari: Monday is Ramadan's first day, which opens at 08:00.
    expect(working(wib("2027-02-01T07:45:00"), "1d", RAMADAN)).toEqual(wib("2027-02-02T07:45:00"));
    expect(working(wib("2027-02-05T07:45:00"), "1d", RAMADAN)).toEqual(wib("2027-02-08T08:00:00"));
  });

  it("counts a deadline in Ramadan with Ramadan's hours, and the same step outside it with the usual ones", () => {
    expect(officeHoursOn("2027-02-11", RAMADAN)).toEqual({ start: "08:00", end: "15:00" });
    expect(officeHoursOn("2027-02-12", RAMADAN)).toEqual({ start: "08:00", end: "15:30" });
    // Thursday 14:00 + 2 jam: one hour left on Thursday (until 15:00), the other from Friday 08:00.
    expect(working(wib("2027-02-11T14:00:00"), "2h", RAMADAN)).toEqual(wib("2027-02-12T09:00:00"));
    expect(working(wib("2027-01-14T14:00:00"), "2h", RAMADAN)).toEqual(wib("2027-01-14T16:00:00"));
    // 07:30 is not yet working time in Ramadan: a step asked then counts from 08:00.
    expect(isWorkingTime(wib("2027-02-11T07:30:00"), RAMADAN)).toBe(false);
    expect(working(wib("2027-02-11T07:30:00"), "15m", RAMADAN)).toEqual(wib("2027-02-11T08:15:00"));
    // The period ends with its last day: 10 March is back to the usual hours (when it is no holiday).
    expect(officeHoursOn("2027-03-09", RAMADAN)).toEqual({ start: "08:00", end: "15:00" });
    expect(officeHoursOn("2027-03-10", RAMADAN)).toEqual({ start: "07:30", end: "16:00" });
  });

  it("says a usual working day is start to end, whatever Fridays or periods do", () => {
    expect(usualWorkingDayMinutes(RAMADAN)).toBe(510);
  });

  it("refuses hours that end before they start, naming where", () => {
    const start = wib("2026-12-02T10:00:00");
    expect(() => working(start, "15m", { ...WIB, hours: [{ days: [5], start: "16:30", end: "07:30" }] })).toThrow(
      /hours\[0\]\.end 07:30 is not after hours\[0\]\.start 16:30/,
    );
    const backwards = { ...WIB, periods: [{ name: "Backwards", from: "2027-03-09", to: "2027-02-08", hours: [{ days: [1], start: "08:00", end: "15:00" }] }] };
    expect(() => working(start, "15m", backwards)).toThrow(/periods\[0\]/);
  });
});

describe("the shipped calendar across Idulfitri 2027", () => {
  const ipdn = loadFlowsFromDir("flows").organisations.get("ipdn")!.calendar;

  it("skips Nyepi, Idulfitri and its cuti bersama: Friday 5 March + 1 hari is Tuesday 16 March", () => {
    // Mon 8 Nyepi, Tue 9 cuti bersama, Wed-Thu 10-11 Idulfitri 1448 H, Fri 12 and Mon 15 cuti bersama.
    expect(working(wib("2027-03-05T10:00:00"), "1d", ipdn)).toEqual(wib("2027-03-16T10:00:00"));
    for (const date of ["2027-03-08", "2027-03-09", "2027-03-10", "2027-03-11", "2027-03-12", "2027-03-15"]) expect(officeHoursOn(date, ipdn), date).toBeNull();
    expect(workingMinutesBetween(wib("2027-03-05T15:30:00"), wib("2027-03-16T07:30:00"), ipdn)).toBe(0);
  });

  it("counts the Ramadan Friday's short day, then the usual hours after the holidays", () => {
    // Friday 5 March 2027 is in Ramadan (closing 15:30): 14:30 + 2 jam = one hour then, one hour from Tuesday 07:30.
    expect(working(wib("2027-03-05T14:30:00"), "2h", ipdn)).toEqual(wib("2027-03-16T08:30:00"));
  });
});
