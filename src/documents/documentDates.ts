// Dates as the documents print them, in the organisation's zone (WIB for IPDN and PUSPAGA Babel).
import { DateTime } from "luxon";
import { formatLocal } from "../core/workingTime.ts";

/**
 * formatLocal wants a working calendar but reads only its zone; this one is valid for any zone, so
 * the documents and the chat messages print a moment identically ("Senin, 30 November 2026 15.00 WIB").
 */
function zoneOnlyCalendar(timeZone: string) {
  return { timeZone, workingDays: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "23:59", holidays: [] };
}

/** True when the zone is a known IANA zone, so a document never prints a date in a zone that does not exist. */
export function isKnownTimeZone(timeZone: string): boolean {
  return typeof timeZone === "string" && timeZone !== "" && DateTime.fromMillis(0, { zone: timeZone }).isValid;
}

/** Weekday, date, time and zone name: "Senin, 30 November 2026 15.00 WIB". */
export function formatDocumentDateTime(at: Date, timeZone: string): string {
  return formatLocal(at, zoneOnlyCalendar(timeZone), "id");
}

/** The date alone, as a letter's date line: "30 November 2026". */
export function formatDocumentDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone }).format(at);
}

const ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"] as const;

/** Month (as a roman numeral, the way Indonesian letter numbers write it) and year of a moment in a zone. */
export function romanMonthAndYear(at: Date, timeZone: string): { month: string; year: number } {
  const dt = DateTime.fromJSDate(at, { zone: timeZone });
  return { month: ROMAN_MONTHS[dt.month - 1]!, year: dt.year };
}
