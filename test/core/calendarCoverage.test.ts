// Whether the holiday lists cover the next 120 days, decided on a clock the test sets (never today's date).
import { describe, expect, it } from "vitest";
import { calendarGaps, describeCalendarGap, unconfirmedHolidays, type HolidayListStatus } from "../../src/core/calendarCoverage.ts";

const jakarta = { id: "ipdn", calendar: { timeZone: "Asia/Jakarta" } };
const years = (entries: [number, boolean][]) => new Map<number, HolidayListStatus>(entries.map(([y, complete]) => [y, { complete, decree: `SKB ${y}` }]));
const complete = years([
  [2026, true],
  [2027, true],
]);

describe("calendarGaps", () => {
  it("finds nothing while the next 120 days stay in years with a complete list", () => {
    expect(calendarGaps({ now: new Date("2026-12-02T08:00:00+07:00"), organisations: [jakarta], years: complete })).toEqual([]);
  });

  it("names the year the next 120 days reach without a list, from its first day", () => {
    const gaps = calendarGaps({ now: new Date("2027-09-15T08:00:00+07:00"), organisations: [jakarta], years: complete });
    expect(gaps).toEqual([{ orgId: "ipdn", year: 2028, reason: "missing", from: "2028-01-01" }]);
    expect(describeCalendarGap(gaps[0]!)).toBe(
      "ipdn: no holiday list for 2028 (flows/holidays/2028.yaml); from 2028-01-01 its national holidays and cuti bersama would count as working days",
    );
  });

  it("counts a list marked incomplete as a gap, the current year too", () => {
    const gaps = calendarGaps({
      now: new Date("2026-12-02T08:00:00+07:00"),
      organisations: [jakarta],
      years: years([
        [2026, false],
        [2027, false],
      ]),
    });
    expect(gaps).toEqual([
      { orgId: "ipdn", year: 2026, reason: "incomplete", from: "2026-12-02" },
      { orgId: "ipdn", year: 2027, reason: "incomplete", from: "2027-01-01" },
    ]);
  });

  it("reads the horizon in the organisation's own zone", () => {
    // 23:00 WIB on 2 September: 120 days later is 31 December. One hour on, 1 January 2028 is reached.
    expect(calendarGaps({ now: new Date("2027-09-02T23:00:00+07:00"), organisations: [jakarta], years: complete })).toEqual([]);
    expect(calendarGaps({ now: new Date("2027-09-03T00:00:00+07:00"), organisations: [jakarta], years: complete })).toHaveLength(1);
    expect(calendarGaps({ now: new Date("2027-09-03T00:00:00+07:00"), organisations: [jakarta], years: complete, horizonDays: 30 })).toEqual([]);
  });

  it("leaves out an organisation that keeps its own holidays instead of the national list", () => {
    const own = { id: "own", calendar: { timeZone: "Asia/Jakarta", nationalHolidays: false } };
    expect(calendarGaps({ now: new Date("2027-12-01T08:00:00+07:00"), organisations: [own, jakarta], years: complete }).map((g) => g.orgId)).toEqual(["ipdn"]);
  });
});

describe("unconfirmedHolidays", () => {
  const lists = new Map<number, HolidayListStatus>([
    [
      2027,
      {
        complete: true,
        decree: "SKB 2027",
        dates: [
          { date: "2027-01-01", unconfirmed: false },
          { date: "2027-03-10", unconfirmed: true },
          { date: "2027-03-09", unconfirmed: true },
          { date: "2027-05-17", unconfirmed: true },
        ],
      },
    ],
  ]);

  it("lists, in order, the dates still to be confirmed that fall within the horizon, in the organisation's zone", () => {
    // 17:30 UTC on 9 November is already 10 November in Jakarta: 120 days reach 10 March, not 11 March.
    expect(unconfirmedHolidays({ now: new Date("2026-11-09T17:30:00Z"), years: lists, timeZone: "Asia/Jakarta" })).toEqual(["2027-03-09", "2027-03-10"]);
    expect(unconfirmedHolidays({ now: new Date("2027-03-10T08:00:00+07:00"), years: lists, timeZone: "Asia/Jakarta" })).toEqual(["2027-03-10", "2027-05-17"]);
  });

  it("says nothing once the dates are behind, or for lists that mark none", () => {
    expect(unconfirmedHolidays({ now: new Date("2027-05-18T08:00:00+07:00"), years: lists, timeZone: "Asia/Jakarta" })).toEqual([]);
    expect(unconfirmedHolidays({ now: new Date("2027-01-01T08:00:00+07:00"), years: complete, timeZone: "Asia/Jakarta" })).toEqual([]);
  });
});
