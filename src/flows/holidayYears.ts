// The national holidays and cuti bersama, one file a year: flows/holidays/<year>.yaml, each with the decree
// (SKB 3 Menteri) it transcribes and whether the list is complete. Organisations that follow the national
// list (calendar.nationalHolidays, the default) get these dates added to their own when the flows load.
import { z } from "zod";
import { isRealDate } from "./checkOrganisation.ts";
import type { OrganisationDef } from "./organisationSchema.ts";

/** The folder inside the flows directory that holds the yearly lists. */
export const HOLIDAYS_DIR = "holidays";

const holidayDateSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
  /** The name the decree gives the day. */
  name: z.string().min(1),
  /** A national holiday (libur nasional) or a civil-service collective leave day (cuti bersama); offices close on both. */
  kind: z.enum(["libur_nasional", "cuti_bersama"]).default("libur_nasional"),
  /** Not confirmed from the decree itself, or still to be fixed by another decision (the isbat); say why in `note`. */
  unconfirmed: z.boolean().optional(),
  note: z.string().optional(),
});

export const holidayYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** The decree the list transcribes (number, date), or why there is none yet. */
  decree: z.string().min(1),
  /** Every national holiday and cuti bersama of the year is listed; false warns at start, on /healthz and the dashboard. */
  complete: z.boolean(),
  /** How the list was made: sources read, dates that could not be confirmed. */
  note: z.string().optional(),
  dates: z.array(holidayDateSchema),
});

export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** What is wrong with one year's file whose name says `fileYear` (empty when nothing is). */
export function checkHolidayYear(fileYear: number, list: HolidayYear): string[] {
  const problems: string[] = [];
  if (list.year !== fileYear) problems.push(`year ${list.year} does not match the file name (${fileYear}.yaml)`);
  const seen = new Set<string>();
  for (const [i, entry] of list.dates.entries()) {
    if (!isRealDate(entry.date)) problems.push(`dates[${i}]: "${entry.date}" is not a real date`);
    else if (!entry.date.startsWith(`${list.year}-`)) problems.push(`dates[${i}]: ${entry.date} is not in ${list.year}`);
    if (seen.has(entry.date)) problems.push(`dates[${i}]: ${entry.date} is listed more than once`);
    seen.add(entry.date);
  }
  return problems;
}

/** The organisation with the national dates added to its own holidays when it follows the national list. */
export function withNationalHolidays(org: OrganisationDef, years: ReadonlyMap<number, HolidayYear>): OrganisationDef {
  if (org.calendar.nationalHolidays === false) return org;
  const national = [...years.values()].flatMap((y) => y.dates.map((d) => d.date));
  const holidays = [...new Set([...org.calendar.holidays, ...national])].sort();
  return { ...org, calendar: { ...org.calendar, holidays } };
}
