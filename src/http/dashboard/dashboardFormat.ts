// How the dashboard writes times and lengths: dates in the organisation's zone (WIB) through formatLocal,
// lengths in minutes/hours/days in the page's language.
import { formatLocal } from "../../core/workingTime.ts";
import type { WorkingCalendar } from "../../flows/flowSchema.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";

/** A date in the organisation's own zone, e.g. "Senin, 30 November 2026 15.00 WIB" (UTC when the organisation is gone). */
export function formatWhen(at: Date | null | undefined, calendar: WorkingCalendar | undefined, t: DashboardTexts): string {
  if (!at) return t.none;
  return calendar ? formatLocal(at, calendar, t.lang) : `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A length in minutes as "45 menit" or "2 jam 5 menit" (working minutes stay in hours: a day is not 24 of them). */
export function formatMinutes(minutes: number | null | undefined, t: DashboardTexts): string {
  if (minutes === null || minutes === undefined) return t.none;
  const m = Math.round(minutes);
  if (m < 60) return t.minutes(m);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${t.hours(h)} ${t.minutes(rest)}` : t.hours(h);
}

/** A wall-clock span as "2 hari 3 jam", "3 jam 10 menit" or "12 menit". */
export function formatSpan(minutes: number, t: DashboardTexts): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours ? `${t.days(days)} ${t.hours(hours)}` : t.days(days);
  if (hours > 0) return mins ? `${t.hours(hours)} ${t.minutes(mins)}` : t.hours(hours);
  return t.minutes(mins);
}

/** The working hours of a calendar as the page writes them ("07.30–16.00", "07.30–16.00; Jumat 07.30–16.30"). */
export function formatHours(calendar: WorkingCalendar, t: DashboardTexts): string {
  const hhmm = (s: string) => (t.lang === "id" ? s.replace(":", ".") : s);
  const others = (calendar.hours ?? [])
    .filter((h) => h.start !== calendar.start || h.end !== calendar.end)
    .map((h) => `${h.days.map((d) => t.weekdays[d - 1]).join(", ")} ${hhmm(h.start)}–${hhmm(h.end)}`);
  return [`${hhmm(calendar.start)}–${hhmm(calendar.end)}`, ...others].join("; ");
}
