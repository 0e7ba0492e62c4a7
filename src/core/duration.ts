/**
 * Time standards as the SOPs write them ("15m", "2h", "1d"; also "15 menit", "1 hari", "2 jam").
 * Minutes and hours are counted as working minutes; days as whole working days (see workingTime.ts).
 */
export type Duration = { amount: number; unit: "minute" | "hour" | "day" };

const UNITS: Record<string, Duration["unit"]> = {
  m: "minute",
  min: "minute",
  menit: "minute",
  minute: "minute",
  minutes: "minute",
  h: "hour",
  jam: "hour",
  hour: "hour",
  hours: "hour",
  d: "day",
  hari: "day",
  day: "day",
  days: "day",
};

/** Parses a duration, or returns null when the text is not one (the loader reports where). */
export function parseDuration(text: string): Duration | null {
  const match = /^\s*(\d+)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = UNITS[match[2]!.toLowerCase()];
  if (!unit || !Number.isSafeInteger(amount) || amount <= 0) return null;
  return { amount, unit };
}

/** Length in minutes on the wall clock (a day counts 24 h); reports count a standard with stepTime.standardMinutes. */
export function durationMinutes(d: Duration): number {
  return d.unit === "minute" ? d.amount : d.unit === "hour" ? d.amount * 60 : d.amount * 24 * 60;
}

/** Short human form used in messages: "15 menit", "1 hari". */
export function formatDuration(d: Duration, locale: "id" | "en" = "id"): string {
  const words =
    locale === "id"
      ? { minute: "menit", hour: "jam", day: "hari" }
      : { minute: d.amount === 1 ? "minute" : "minutes", hour: d.amount === 1 ? "hour" : "hours", day: d.amount === 1 ? "day" : "days" };
  return `${d.amount} ${words[d.unit]}`;
}
