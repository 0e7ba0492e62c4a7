// Is the working calendar complete for the days ahead? An organisation that follows the national holidays
// needs a complete list (flows/holidays/<year>.yaml, complete: true) for every year the next 120 days
// reach; without one, that year's holidays and cuti bersama would silently count as working days.
// Pure: the caller passes the time (the service clock) and what was loaded.
import { DateTime } from "luxon";

/** How far ahead the calendar must be complete. */
export const COVERAGE_HORIZON_DAYS = 120;

/** What the loader knows of one year's national list. */
export interface HolidayListStatus {
  complete: boolean;
  decree: string;
  /** Its dates; `unconfirmed` marks one another decision may still move (Idulfitri and Iduladha wait for the isbat). */
  dates?: readonly { date: string; unconfirmed?: boolean }[];
}

/** A year within the horizon without a complete list, for one organisation. */
export interface CalendarGap {
  orgId: string;
  year: number;
  /** No file for the year, or a file that says complete: false. */
  reason: "missing" | "incomplete";
  /** The first day within the horizon that falls in that year (YYYY-MM-DD, in the organisation's zone). */
  from: string;
}

/** The gaps, organisation by organisation and year by year, that the next `horizonDays` days reach. */
export function calendarGaps(p: {
  now: Date;
  organisations: Iterable<{ id: string; calendar: { timeZone: string; nationalHolidays?: boolean } }>;
  years: ReadonlyMap<number, HolidayListStatus>;
  horizonDays?: number;
}): CalendarGap[] {
  const horizon = p.horizonDays ?? COVERAGE_HORIZON_DAYS;
  const gaps: CalendarGap[] = [];
  for (const org of p.organisations) {
    if (org.calendar.nationalHolidays === false) continue; // its own list is its own responsibility
    const first = DateTime.fromJSDate(p.now, { zone: org.calendar.timeZone }).startOf("day");
    const last = first.plus({ days: horizon });
    for (let year = first.year; year <= last.year; year++) {
      const status = p.years.get(year);
      if (status?.complete) continue;
      const from = year === first.year ? first : DateTime.fromObject({ year, month: 1, day: 1 }, { zone: org.calendar.timeZone });
      gaps.push({ orgId: org.id, year, reason: status ? "incomplete" : "missing", from: from.toISODate()! });
    }
  }
  return gaps;
}

/** One gap as one English line for the log and /healthz. */
export function describeCalendarGap(gap: CalendarGap): string {
  const what =
    gap.reason === "missing" ? `no holiday list for ${gap.year} (flows/holidays/${gap.year}.yaml)` : `the ${gap.year} holiday list is marked incomplete`;
  return `${gap.orgId}: ${what}; from ${gap.from} its national holidays and cuti bersama would count as working days`;
}

/**
 * The national dates within the next `horizonDays` days (YYYY-MM-DD, in `timeZone`) that their list marks as not
 * confirmed yet: a complete list may still hold them (the isbat fixes Idulfitri and Iduladha close to the day), and
 * whoever keeps flows/holidays/ should check them against the final decision before they come.
 */
export function unconfirmedHolidays(p: { now: Date; years: ReadonlyMap<number, HolidayListStatus>; timeZone: string; horizonDays?: number }): string[] {
  const first = DateTime.fromJSDate(p.now, { zone: p.timeZone }).startOf("day");
  const from = first.toISODate()!;
  const to = first.plus({ days: p.horizonDays ?? COVERAGE_HORIZON_DAYS }).toISODate()!;
  return [...p.years.values()]
    .flatMap((y) => y.dates ?? [])
    .filter((d) => d.unconfirmed && d.date >= from && d.date <= to)
    .map((d) => d.date)
    .sort();
}
