// Semantic checks on an organisation that its schema cannot express: its roles, whom each role answers to
// (the escalation map: every role named, no unknown role, no cycle), its crisis roles and its calendar.
// Pure: returns every problem found; the loader decides what to do with them.
import type { FlowProblem } from "./flowProblem.ts";
import { checkQualificationList } from "./checkQualifications.ts";
import type { OrganisationDef, WorkingCalendar } from "./organisationSchema.ts";

/** Checks an organisation's own consistency: roles, escalation map, crisis roles and calendar. */
export function checkOrganisation(org: OrganisationDef): FlowProblem[] {
  const where = `organisation ${org.id}`;
  const roleIds = org.roles.map((r) => r.id);
  const reasons = [
    ...repeated(roleIds).map((id) => `role "${id}" is defined more than once`),
    ...checkEscalation(org.escalation, roleIds),
    ...org.crisisRoles.filter((id) => !roleIds.includes(id)).map((id) => `crisisRoles names "${id}", which is not one of its roles (${roleIds.join(", ")})`),
    ...checkCalendar(org.calendar),
    ...checkQualificationList(org),
  ];
  return reasons.map((reason) => ({ reason: `${where}: ${reason}` }));
}

/** The escalation map: every role answers to a known role or to nobody (null), and following it always ends. */
function checkEscalation(escalation: Readonly<Record<string, string | null>>, roleIds: string[]): string[] {
  const known = (id: string) => roleIds.includes(id);
  const problems: string[] = [];
  for (const [role, superior] of Object.entries(escalation)) {
    if (!known(role)) problems.push(`escalation names "${role}", which is not one of its roles (${roleIds.join(", ")})`);
    if (superior !== null && !known(superior)) {
      problems.push(`escalation sends "${role}" to "${superior}", which is not one of its roles (${roleIds.join(", ")})`);
    }
    if (superior === role) problems.push(`escalation sends "${role}" to itself`);
  }
  for (const role of roleIds.filter((id) => !Object.hasOwn(escalation, id))) {
    problems.push(`escalation has no entry for role "${role}" (name whom it answers to, or ~ when nobody is above it)`);
  }
  problems.push(...escalationCycles(escalation).map((cycle) => `escalation goes round in a circle: ${cycle.join(" → ")}`));
  return problems;
}

/** Each cycle of the map once, as the roles in order with the first repeated at the end (a → b → a). */
function escalationCycles(escalation: Readonly<Record<string, string | null>>): string[][] {
  const cycles: string[][] = [];
  const settled = new Set<string>();
  for (const start of Object.keys(escalation)) {
    const path: string[] = [];
    let role: string | null | undefined = start;
    while (role && !settled.has(role) && !path.includes(role)) {
      path.push(role);
      role = Object.hasOwn(escalation, role) ? escalation[role] : null;
    }
    if (role && path.includes(role)) cycles.push([...path.slice(path.indexOf(role)), role]);
    for (const r of path) settled.add(r);
  }
  return cycles;
}

function checkCalendar(calendar: WorkingCalendar): string[] {
  const problems: string[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) problems.push(`calendar.timeZone "${calendar.timeZone}" is not an IANA time zone`);
  if (calendar.start >= calendar.end) problems.push(`calendar.start (${calendar.start}) must be before calendar.end (${calendar.end})`);
  for (const date of calendar.holidays) {
    if (!isRealDate(date)) problems.push(`holiday "${date}" is not a real date`);
  }
  problems.push(...checkWeekdayHours(calendar.hours ?? [], calendar.workingDays, "calendar.hours"));
  const periods = calendar.periods ?? [];
  for (const [i, period] of periods.entries()) {
    const field = `calendar.periods[${i}] (${period.name})`;
    for (const date of [period.from, period.to]) {
      if (!isRealDate(date)) problems.push(`${field}: "${date}" is not a real date`);
    }
    if (period.to < period.from) problems.push(`${field}: from (${period.from}) must not be after to (${period.to})`);
    problems.push(...checkWeekdayHours(period.hours, calendar.workingDays, `${field}.hours`));
    const overlapping = periods.slice(i + 1).find((other) => other.from <= period.to && period.from <= other.to);
    if (overlapping) problems.push(`${field} overlaps ${overlapping.name} (${overlapping.from} to ${overlapping.to})`);
  }
  return problems;
}

/** Hours per weekday: start before end, only working days, each weekday at most once. */
function checkWeekdayHours(blocks: WorkingCalendar["hours"] & {}, workingDays: readonly number[], field: string): string[] {
  const problems: string[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.start >= block.end) problems.push(`${field}[${i}]: start (${block.start}) must be before end (${block.end})`);
    for (const day of block.days.filter((d) => !workingDays.includes(d))) {
      problems.push(`${field}[${i}]: weekday ${day} is not one of the working days (${workingDays.join(", ")})`);
    }
  }
  for (const day of repeated(blocks.flatMap((b) => b.days))) problems.push(`${field}: weekday ${day} has more than one set of hours`);
  return problems;
}

function repeated<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A YYYY-MM-DD text that names a day of the calendar (not 2026-02-30). */
export function isRealDate(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate;
}
