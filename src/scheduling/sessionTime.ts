// How a session's time reads in messages and on buttons, in the organisation's time zone.
import { DateTime } from "luxon";
import { formatLocal } from "../core/workingTime.ts";
import type { WorkingCalendar } from "../flows/flowSchema.ts";
import type { Locale } from "../i18n/index.ts";

const SHORT_DAYS = { id: ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"], en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] };
const SHORT_MONTHS = {
  id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

function clock(at: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(locale === "id" ? "HH.mm" : "HH:mm");
}

/** "Senin, 30 November 2026 10.00–11.00 WIB" for messages. */
export function formatSession(start: Date, end: Date, calendar: WorkingCalendar, locale: Locale): string {
  const full = formatLocal(start, calendar, locale);
  const zoneName = full.split(" ").at(-1)!;
  return `${full.slice(0, full.length - zoneName.length - 1)}–${clock(end, calendar.timeZone, locale)} ${zoneName}`;
}

/** "Sen 30 Nov, 10.00–11.00" for a button (short enough for one line). */
export function formatSlotButton(start: Date, end: Date, calendar: WorkingCalendar, locale: Locale): string {
  const dt = DateTime.fromJSDate(start, { zone: calendar.timeZone });
  return `${SHORT_DAYS[locale][dt.weekday - 1]} ${dt.day} ${SHORT_MONTHS[locale][dt.month - 1]}, ${clock(start, calendar.timeZone, locale)}–${clock(end, calendar.timeZone, locale)}`;
}
