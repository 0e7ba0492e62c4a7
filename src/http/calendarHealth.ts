// The working calendar's part of /healthz: whether every organisation's holiday list is complete for the next
// 120 days, and if not, which year is missing or incomplete (the service still runs: this is a warning).
import type { App } from "../app/openApp.ts";
import { calendarGaps, COVERAGE_HORIZON_DAYS, describeCalendarGap, type CalendarGap } from "../core/calendarCoverage.ts";

/** The gaps of the loaded flows' organisations, seen from `now` (the service clock). */
export function calendarGapsOf(app: Pick<App, "flows">, now: Date): CalendarGap[] {
  return calendarGaps({ now, organisations: app.flows.organisations.values(), years: app.flows.holidayYears });
}

/** `calendar` on /healthz: ok when nothing is missing; each warning with its organisation, year and a sentence. */
export function calendarHealth(app: Pick<App, "flows">, now: Date) {
  const warnings = calendarGapsOf(app, now).map((gap) => ({ ...gap, message: describeCalendarGap(gap) }));
  return { ok: warnings.length === 0, horizonDays: COVERAGE_HORIZON_DAYS, warnings };
}
