// How every report counts a step's time: the one place that turns a time standard ("1 hari") and the time a
// step took into minutes. The engine stores what these give (StepRun.standardMin, actualMin); the dashboard,
// its CSV and `case show` read them or call them, so the three agree.
//
// Both sides are counted on the step's own clock:
// - working clock: working minutes (workingTime.ts), so a standard of "1 hari" is one usual working day
//   (start to end of the calendar, 510 minutes for 07:30-16:00), not 1,440;
// - calendar clock: elapsed minutes, a day being 1,440.
// Lateness is decided by the deadline (workingTime.deadlineFor), which gives exactly N working days even where
// a day is shorter or longer than usual (a Friday, Ramadan); the minutes here are for reading the reports.
import { durationMinutes, type Duration } from "./duration.ts";
import { usualWorkingDayMinutes, workingMinutesBetween, type Clock, type WorkingCalendar } from "./workingTime.ts";

/** A time standard in minutes of its own clock (see the top of this file). */
export function standardMinutes(duration: Duration, clock: Clock, calendar: WorkingCalendar): number {
  if (clock === "working" && duration.unit === "day") return duration.amount * usualWorkingDayMinutes(calendar);
  return durationMinutes(duration);
}

/** The clock a step run stored ("working" or "calendar"); anything else is read as working time, the default. */
export function clockOf(stored: string): Clock {
  return stored === "calendar" ? "calendar" : "working";
}

/** Whole minutes from `from` to `to` on a step's clock: working minutes, or elapsed ones; never negative. */
export function minutesOnClock(from: Date, to: Date, clock: Clock, calendar: WorkingCalendar): number {
  if (clock === "working") return Math.round(workingMinutesBetween(from, to, calendar));
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}

/** A step run's time so far: what the engine stored when it was done, or the minutes from its asking until `now`. */
export function minutesTaken(
  run: { askedAt: Date; actedAt: Date | null; actualMin: number | null; clock: string },
  calendar: WorkingCalendar,
  now: Date,
): number {
  if (run.actedAt && run.actualMin !== null) return run.actualMin;
  return minutesOnClock(run.askedAt, run.actedAt ?? now, clockOf(run.clock), calendar);
}
