/**
 * Which session times to offer a client: a pure function of the counsellor's working calendar, their
 * busy intervals and the clock.
 *
 * Rules (times are read in the calendar's own zone, e.g. Asia/Jakarta = WIB, UTC+7):
 * - a slot lies entirely inside one working window [start, end] of a working, non-holiday day
 *   (a 60-minute session may end exactly at closing);
 * - slot starts are aligned to `stepMinutes` counted from the day's opening (07:30, 08:00, 08:30, …);
 * - a slot starts no sooner than `now + minLeadMinutes` and not before `from`;
 * - a slot never overlaps a busy interval widened by `bufferMinutes` on both sides (so the counsellor
 *   gets a break between sessions);
 * - the search covers `daysAhead` calendar days starting with the local day of `from`;
 * - offers are spread: per day at most `maxPerDay` slots, taken from equal parts of the day (e.g. one
 *   in the morning, one after), earliest day first. Only when that leaves fewer than `count` slots are
 *   the remaining free times added, earliest first. The result is sorted by start.
 */
import { DateTime } from "luxon";
import { calendarSchema, type WorkingCalendar } from "../flows/flowSchema.ts";
import type { BusyInterval } from "./calendar.ts";

/** A time the client may be offered. */
export interface FreeSlot {
  start: Date;
  end: Date;
}

/** What findFreeSlots needs; every number is in whole minutes unless it says otherwise. */
export interface FreeSlotQuery {
  calendar: WorkingCalendar;
  busy: readonly BusyInterval[];
  now: Date;
  /** Where the search starts; defaults to `now`. */
  from?: Date;
  /** Calendar days searched, the day of `from` included. Default 14. */
  daysAhead?: number;
  /** Session length. Default 60. */
  sessionMinutes?: number;
  /** Free time kept before and after every busy interval. Default 15. */
  bufferMinutes?: number;
  /** How soon the earliest slot may start. Default 120 (two hours). */
  minLeadMinutes?: number;
  /** Alignment of slot starts from the opening time. Default 30. */
  stepMinutes?: number;
  /** How many slots to return at most. Default 5. */
  count?: number;
  /** Preferred maximum number of slots on one day. Default 2. */
  maxPerDay?: number;
}

type Settings = Required<Omit<FreeSlotQuery, "calendar" | "busy" | "now" | "from">>;

const DEFAULTS: Settings = {
  daysAhead: 14,
  sessionMinutes: 60,
  bufferMinutes: 15,
  minLeadMinutes: 120,
  stepMinutes: 30,
  count: 5,
  maxPerDay: 2,
};

const MINUTE = 60_000;

interface Day {
  open: number;
  close: number;
  candidates: number[];
}

function settingsOf(query: FreeSlotQuery): Settings {
  const s = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    const value = query[key];
    if (value === undefined) continue;
    const mayBeZero = key === "bufferMinutes" || key === "minLeadMinutes";
    if (!Number.isInteger(value) || value < (mayBeZero ? 0 : 1)) {
      throw new Error(`findFreeSlots: ${key} must be a whole number ${mayBeZero ? "of zero or more" : "of at least 1"}, got ${JSON.stringify(value)}`);
    }
    s[key] = value;
  }
  if (s.daysAhead > 366) throw new Error(`findFreeSlots: daysAhead must be at most 366, got ${s.daysAhead}`);
  return s;
}

function checkedCalendar(calendar: WorkingCalendar): WorkingCalendar & { startMinute: number; endMinute: number } {
  const parsed = calendarSchema.safeParse(calendar);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "calendar"}: ${i.message}`).join("; ");
    throw new Error(`findFreeSlots: invalid working calendar (${issues})`);
  }
  const cal = parsed.data;
  if (!DateTime.local({ zone: cal.timeZone }).isValid) throw new Error(`findFreeSlots: unknown time zone ${JSON.stringify(cal.timeZone)}`);
  const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const startMinute = minuteOf(cal.start);
  const endMinute = minuteOf(cal.end);
  if (endMinute <= startMinute) throw new Error(`findFreeSlots: working calendar end ${cal.end} is not after start ${cal.start}`);
  return { ...cal, startMinute, endMinute };
}

function instant(at: Date, name: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`findFreeSlots: ${name} is not a valid date`);
  return ms;
}

/** Busy intervals as [start - buffer, end + buffer) in milliseconds, sorted. */
function widened(busy: readonly BusyInterval[], bufferMinutes: number): { start: number; end: number }[] {
  return busy
    .map((b, i) => ({ start: instant(b.start, `busy[${i}].start`) - bufferMinutes * MINUTE, end: instant(b.end, `busy[${i}].end`) + bufferMinutes * MINUTE }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
}

/** The instant range to ask free/busy for, so findFreeSlots sees every interval that can matter. */
export function freeSlotSearchWindow(query: FreeSlotQuery): { from: Date; to: Date } {
  const s = settingsOf(query);
  const cal = checkedCalendar(query.calendar);
  const from = instant(query.from ?? query.now, "from");
  const earliest = Math.max(from, instant(query.now, "now") + s.minLeadMinutes * MINUTE);
  const lastDay = DateTime.fromMillis(from, { zone: cal.timeZone }).startOf("day").plus({ days: s.daysAhead });
  const to = Math.max(lastDay.toMillis(), earliest + s.sessionMinutes * MINUTE);
  return { from: new Date(earliest - s.bufferMinutes * MINUTE), to: new Date(to + s.bufferMinutes * MINUTE) };
}

/** Free session slots to offer, spread over the days (see the rules at the top of this file). */
export function findFreeSlots(query: FreeSlotQuery): FreeSlot[] {
  const s = settingsOf(query);
  const cal = checkedCalendar(query.calendar);
  const now = instant(query.now, "now");
  const from = instant(query.from ?? query.now, "from");
  const earliest = Math.max(from, now + s.minLeadMinutes * MINUTE);
  const busy = widened(query.busy, s.bufferMinutes);
  const length = s.sessionMinutes * MINUTE;
  const step = s.stepMinutes * MINUTE;
  const holidays = new Set(cal.holidays);
  const workingDays = new Set(cal.workingDays);

  const days: Day[] = [];
  const first = DateTime.fromMillis(from, { zone: cal.timeZone }).startOf("day");
  for (let d = 0; d < s.daysAhead; d++) {
    const day = first.plus({ days: d });
    if (!workingDays.has(day.weekday) || holidays.has(day.toISODate() ?? "")) continue;
    const at = (minute: number) =>
      DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
        { zone: cal.timeZone },
      ).toMillis();
    const open = at(cal.startMinute);
    const close = at(cal.endMinute);
    const candidates: number[] = [];
    for (let t = open; t + length <= close; t += step) {
      if (t < earliest) continue;
      if (busy.some((b) => t < b.end && t + length > b.start)) continue;
      candidates.push(t);
    }
    if (candidates.length > 0) days.push({ open, close, candidates });
  }

  const picked = new Set<number>();
  // Pass 1: at most maxPerDay per day, one from each equal part of the day.
  for (const day of days) {
    if (picked.size >= s.count) break;
    const latestStart = day.close - length;
    const band = (latestStart - day.open) / s.maxPerDay;
    let previous = Number.NEGATIVE_INFINITY;
    for (let part = 0; part < s.maxPerDay && picked.size < s.count; part++) {
      const bandStart = day.open + part * band;
      const bandEnd = part === s.maxPerDay - 1 ? latestStart + 1 : day.open + (part + 1) * band;
      const choice = day.candidates.find((t) => t >= bandStart && t < bandEnd && t >= previous + length);
      if (choice === undefined) continue;
      picked.add(choice);
      previous = choice;
    }
  }
  // Pass 2: still short (a full calendar), so take the remaining free times, earliest first.
  for (const day of days) {
    for (const t of day.candidates) {
      if (picked.size >= s.count) break;
      picked.add(t);
    }
  }
  return [...picked].sort((a, b) => a - b).map((t) => ({ start: new Date(t), end: new Date(t + length) }));
}
