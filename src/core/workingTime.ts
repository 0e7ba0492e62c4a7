/**
 * Working-time arithmetic for step deadlines and reports. Pure functions over a WorkingCalendar.
 *
 * Rules (all times are read in the calendar's own time zone):
 * - Working time is the half-open window [start, end) on a working weekday that is not a holiday.
 *   So 07:30 is working time, 16:00 (closing) is not. A day's window is, first match wins: the hours a
 *   dated period (Ramadan) gives its weekday, the hours `hours` gives its weekday (Friday), start/end.
 * - Calendar clock: minutes and hours are added as elapsed time; days are calendar days in the zone
 *   (same wall-clock time N days later). Working hours, weekends and holidays are ignored.
 * - Working clock, minutes/hours: working minutes are consumed only inside working windows. A start
 *   outside working time counts from the next opening. A deadline that lands exactly on closing stays
 *   at closing (16:00), not the next opening.
 * - Working clock, days ("N hari kerja"):
 *   - started inside working time after opening: the same local time of day on the Nth next working
 *     day (Friday 15:00 + 1d = Monday 15:00, or Tuesday 15:00 when Monday is a holiday);
 *   - started exactly at opening, before opening on a working day, after closing, or on a weekend or
 *     holiday: the day's work starts at the next opening, and the deadline is the closing time of the
 *     Nth working day counted from (and including) that opening's day
 *     (Saturday + 1d = Monday 16:00; Friday 17:00 + 1d = Monday 16:00; Friday 07:30 + 1d = Friday 16:00).
 *   Both cases are exactly N working days of working time (the second would otherwise be "opening of
 *   the day after", which is the same amount of working time but later on the wall clock). When the
 *   Nth day's hours differ (a Friday, a Ramadan day), the same time of day is kept inside its window:
 *   after its closing it is the closing, before its opening the opening.
 * - workingMinutesBetween returns exact (possibly fractional) working minutes; round for display.
 * - Every scan walks at most MAX_SCAN_DAYS calendar days and throws a RangeError beyond that
 *   (e.g. a calendar whose working days are all holidays, or an absurdly long duration or span).
 * - An invalid calendar (bad time zone, no working days, malformed or empty hours, malformed holiday or
 *   period) throws an Error naming the field.
 */
import { DateTime } from "luxon";
import type { Duration } from "./duration.ts";

/** Office hours of some weekdays ("HH:MM", local time). */
export interface WeekdayHours {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: readonly number[];
  start: string;
  end: string;
}

/** An organisation's working calendar as the flow files declare it (checked there); the core needs only its shape. */
export interface WorkingCalendar {
  timeZone: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  workingDays: readonly number[];
  /** "HH:MM", local time: the usual hours of every working day. */
  start: string;
  end: string;
  /** Weekdays with other hours than start/end (Friday for ASN). */
  hours?: readonly WeekdayHours[];
  /** Dated periods (YYYY-MM-DD, both included) whose weekdays have other hours (Ramadan). */
  periods?: readonly { from: string; to: string; hours: readonly WeekdayHours[] }[];
  /** YYYY-MM-DD dates, in the calendar's time zone, when nobody works. */
  holidays?: readonly string[];
}

/** The most calendar days any single computation scans before giving up (about ten years). */
export const MAX_SCAN_DAYS = 3660;

export type Clock = "working" | "calendar";

/** Opening and closing as minutes of the local day. */
type DayHours = { startMinute: number; endMinute: number };

type CompiledCalendar = {
  zone: string;
  workingDays: ReadonlySet<number>;
  /** The hours of each weekday outside any period. */
  weekly: ReadonlyMap<number, DayHours>;
  periods: readonly { from: string; to: string; weekly: ReadonlyMap<number, DayHours> }[];
  holidays: ReadonlySet<string>;
};

type Window = { open: number; close: number; day: DateTime };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseHHMM(text: unknown, field: string): number {
  const match = typeof text === "string" ? HHMM.exec(text) : null;
  if (!match) throw new Error(`invalid working calendar: ${field} must be "HH:MM" (00:00-23:59), got ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function compile(calendar: WorkingCalendar): CompiledCalendar {
  if (!calendar || typeof calendar !== "object") throw new Error("invalid working calendar: missing");
  const zone = calendar.timeZone;
  if (typeof zone !== "string" || zone === "" || !DateTime.fromMillis(0, { zone }).isValid) {
    throw new Error(`invalid working calendar: unknown time zone ${JSON.stringify(zone)}`);
  }
  const days = Array.isArray(calendar.workingDays) ? calendar.workingDays : [];
  for (const d of days) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      throw new Error(`invalid working calendar: workingDays must be ISO weekdays 1 (Monday) to 7 (Sunday), got ${JSON.stringify(d)}`);
    }
  }
  if (days.length === 0) throw new Error("invalid working calendar: no working days, so there are no working minutes at all");
  const usual = dayHours(calendar.start, calendar.end, "");
  const holidays = calendar.holidays ?? [];
  for (const h of holidays) {
    if (!isIsoDate(h, zone)) throw new Error(`invalid working calendar: holiday ${JSON.stringify(h)} is not a YYYY-MM-DD date`);
  }
  const weekly = weeklyHours(new Map(days.map((d) => [d, usual])), calendar.hours ?? [], "hours");
  const periods = (calendar.periods ?? []).map((p, i) => {
    if (!isIsoDate(p.from, zone) || !isIsoDate(p.to, zone) || p.to < p.from) {
      throw new Error(`invalid working calendar: periods[${i}] must run from one YYYY-MM-DD date to a later or equal one`);
    }
    return { from: p.from, to: p.to, weekly: weeklyHours(weekly, p.hours, `periods[${i}].hours`) };
  });
  return { zone, workingDays: new Set(days), weekly, periods, holidays: new Set(holidays) };
}

function isIsoDate(text: unknown, zone: string): boolean {
  return typeof text === "string" && ISO_DATE.test(text) && DateTime.fromISO(text, { zone }).isValid;
}

function dayHours(start: unknown, end: unknown, field: string): DayHours {
  const hours = { startMinute: parseHHMM(start, `${field}start`), endMinute: parseHHMM(end, `${field}end`) };
  if (hours.endMinute <= hours.startMinute) {
    const what = field === "" ? "at all" : "on those days";
    throw new Error(
      `invalid working calendar: ${field}end ${String(end)} is not after ${field}start ${String(start)}, so there are no working minutes ${what}`,
    );
  }
  return hours;
}

/** `base` with the weekdays that `overrides` names set to their hours. */
function weeklyHours(base: ReadonlyMap<number, DayHours>, overrides: readonly WeekdayHours[], field: string): ReadonlyMap<number, DayHours> {
  const weekly = new Map(base);
  for (const [i, o] of overrides.entries()) {
    const hours = dayHours(o.start, o.end, `${field}[${i}].`);
    for (const d of o.days) weekly.set(d, hours);
  }
  return weekly;
}

/** The office hours of a local day (the period it falls in, else its weekday's), ignoring holidays. */
function hoursOf(day: DateTime, cal: CompiledCalendar): DayHours | undefined {
  const date = day.toISODate() ?? "";
  const period = cal.periods.find((p) => p.from <= date && date <= p.to);
  return (period ?? cal).weekly.get(day.weekday);
}

function instant(at: Date, name: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`${name} is not a valid date`);
  return ms;
}

function atMinuteOfDay(day: DateTime, minuteOfDay: number, zone: string): DateTime {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }, { zone });
}

/** The working window of a local day, or null when the day is not a working day. */
function windowOf(day: DateTime, cal: CompiledCalendar): Window | null {
  if (!cal.workingDays.has(day.weekday) || cal.holidays.has(day.toISODate() ?? "")) return null;
  const hours = hoursOf(day, cal);
  if (!hours) return null;
  return {
    open: atMinuteOfDay(day, hours.startMinute, cal.zone).toMillis(),
    close: atMinuteOfDay(day, hours.endMinute, cal.zone).toMillis(),
    day,
  };
}

/**
 * The working windows from `at` on, clipped so none starts before `at`; windows that already closed
 * (close <= at) are skipped. Throws once MAX_SCAN_DAYS calendar days have been scanned.
 */
function* windowsFrom(at: number, cal: CompiledCalendar): Generator<Window, never> {
  let day = DateTime.fromMillis(at, { zone: cal.zone }).startOf("day");
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++, day = day.plus({ days: 1 })) {
    const w = windowOf(day, cal);
    if (!w || w.close <= at) continue;
    yield { open: Math.max(w.open, at), close: w.close, day };
  }
  throw new RangeError(
    `working-time computation scanned more than ${MAX_SCAN_DAYS} days from ${new Date(at).toISOString()} without finishing ` +
      "(check the calendar's working days and holidays, or the length of the duration)",
  );
}

function firstWindow(at: number, cal: CompiledCalendar): Window {
  // windowsFrom either yields or throws, so the first result is always a window.
  return windowsFrom(at, cal).next().value as Window;
}

function checkDuration(duration: Duration): void {
  if (!duration || !["minute", "hour", "day"].includes(duration.unit)) {
    throw new Error(`invalid duration unit: ${JSON.stringify(duration?.unit)}`);
  }
  if (!Number.isSafeInteger(duration.amount) || duration.amount <= 0) {
    throw new Error(`invalid duration amount: ${JSON.stringify(duration.amount)} (must be a positive whole number)`);
  }
}

/** True when `at` lies inside a working window: a working, non-holiday day, at or after opening and before closing. */
export function isWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  const cal = compile(calendar);
  const ms = instant(at, "at");
  const w = windowOf(DateTime.fromMillis(ms, { zone: cal.zone }).startOf("day"), cal);
  return w !== null && w.open <= ms && ms < w.close;
}

/** The office hours ("HH:MM") of a local date (YYYY-MM-DD), or null when nobody works that day. */
export function officeHoursOn(date: string, calendar: WorkingCalendar): { start: string; end: string } | null {
  const cal = compile(calendar);
  const day = DateTime.fromISO(date, { zone: cal.zone });
  if (!day.isValid) throw new Error(`officeHoursOn: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  const w = windowOf(day.startOf("day"), cal);
  if (!w) return null;
  const hhmm = (ms: number) => DateTime.fromMillis(ms, { zone: cal.zone }).toFormat("HH:mm");
  return { start: hhmm(w.open), end: hhmm(w.close) };
}

/** The length in minutes of a usual working day (start to end): what "1 hari kerja" means in reports. */
export function usualWorkingDayMinutes(calendar: WorkingCalendar): number {
  const { startMinute, endMinute } = dayHours(calendar.start, calendar.end, "");
  return endMinute - startMinute;
}

/** `at` itself when it is working time, otherwise the next opening. */
export function nextOpening(at: Date, calendar: WorkingCalendar): Date {
  const cal = compile(calendar);
  return new Date(firstWindow(instant(at, "at"), cal).open);
}

/** When a step of the given length, started at `start`, is due (see the rules at the top of this file). */
export function deadlineFor(args: { start: Date; duration: Duration; clock: Clock; calendar: WorkingCalendar }): Date {
  const { duration, clock } = args;
  const cal = compile(args.calendar);
  const start = instant(args.start, "start");
  checkDuration(duration);

  if (clock === "calendar") {
    const dt = DateTime.fromMillis(start, { zone: cal.zone });
    const due =
      duration.unit === "day"
        ? dt.plus({ days: duration.amount })
        : duration.unit === "hour"
          ? dt.plus({ hours: duration.amount })
          : dt.plus({ minutes: duration.amount });
    return due.toJSDate();
  }
  if (clock !== "working") throw new Error(`unknown clock ${JSON.stringify(clock)}: use "working" or "calendar"`);

  if (duration.unit === "day") {
    const windows = windowsFrom(start, cal);
    const first = windows.next().value as Window;
    const startedMidWindow = first.open === start && start > windowOf(first.day, cal)!.open;
    if (startedMidWindow) {
      // Same time of day on the Nth next working day.
      let target = first;
      for (let i = 0; i < duration.amount; i++) target = windows.next().value as Window;
      const local = DateTime.fromMillis(start, { zone: cal.zone });
      const sameTime = DateTime.fromObject(
        {
          year: target.day.year,
          month: target.day.month,
          day: target.day.day,
          hour: local.hour,
          minute: local.minute,
          second: local.second,
          millisecond: local.millisecond,
        },
        { zone: cal.zone },
      ).toMillis();
      return new Date(Math.min(target.close, Math.max(target.open, sameTime)));
    }
    // Work starts at an opening: closing of the Nth working day, counting the opening's day as the first.
    let target = first;
    for (let i = 1; i < duration.amount; i++) target = windows.next().value as Window;
    return new Date(target.close);
  }

  let remaining = duration.amount * (duration.unit === "hour" ? 60 : 1) * 60_000;
  for (const w of windowsFrom(start, cal)) {
    const available = w.close - w.open;
    if (remaining <= available) return new Date(w.open + remaining);
    remaining -= available;
  }
  throw new Error("unreachable"); // windowsFrom throws when it runs out
}

/** Working minutes between two instants (exact, possibly fractional); 0 when `to` is not after `from`. */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const cal = compile(calendar);
  const a = instant(from, "from");
  const b = instant(to, "to");
  if (b <= a) return 0;
  let total = 0;
  for (const w of windowsFrom(a, cal)) {
    if (w.open >= b) break;
    total += Math.min(w.close, b) - w.open;
  }
  return total / 60_000;
}

const WEEKDAYS = {
  id: ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
} as const;

const MONTHS = {
  id: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
} as const;

const INDONESIAN_ZONES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

/**
 * A date and time in the calendar's zone for messages:
 * "Senin, 30 November 2026 15.00 WIB" (id) or "Monday, 30 November 2026 15:00 WIB" (en).
 * Indonesian zones use WIB/WITA/WIT; other zones their short offset name (e.g. "UTC", "GMT+1", "EST").
 */
export function formatLocal(at: Date, calendar: WorkingCalendar, locale: "id" | "en"): string {
  const cal = compile(calendar);
  const dt = DateTime.fromMillis(instant(at, "at"), { zone: cal.zone }).setLocale("en-US");
  const names = locale === "en" ? "en" : "id";
  const weekday = WEEKDAYS[names][dt.weekday - 1];
  const month = MONTHS[names][dt.month - 1];
  const time = dt.toFormat(names === "id" ? "HH.mm" : "HH:mm");
  const zoneName = INDONESIAN_ZONES[cal.zone] ?? dt.offsetNameShort ?? `UTC${dt.toFormat("ZZ")}`;
  return `${weekday}, ${dt.day} ${month} ${dt.year} ${time} ${zoneName}`;
}
