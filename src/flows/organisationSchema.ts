// The shape of flows/organisations.yaml: who the organisations are, their roles, whom each role answers to
// (escalation), and the working calendar their deadlines are counted in. Like the flow files it is meant to
// be proofread by a unit head, so every field says what it means in the file's own comments.
import { z } from "zod";
import { qualificationSchema } from "./qualifications.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, - and _");
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const roleSchema = z.strictObject({
  id,
  label: z.string().min(1),
  label_en: z.string().min(1).optional(),
});

/** Office hours for some weekdays: one opening and one closing time (breaks are not counted out). */
export const weekdayHoursSchema = z.strictObject({
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1),
  start: hhmm,
  end: hhmm,
});

/** Dates (both included) with other office hours, e.g. Ramadan; the working days stay the same. */
export const hoursPeriodSchema = z.strictObject({
  name: z.string().min(1),
  from: isoDate,
  to: isoDate,
  /** The hours of each weekday inside the period; a working day not listed keeps its usual hours. */
  hours: z.array(weekdayHoursSchema).min(1),
  /** The dates or hours are expected, not yet announced (e.g. 1 Ramadan before the isbat). */
  unconfirmed: z.boolean().optional(),
  note: z.string().optional(),
});

export const calendarSchema = z.strictObject({
  timeZone: z.string().min(1),
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1),
  /** The usual office hours of every working day. */
  start: hhmm,
  end: hhmm,
  /** Weekdays whose office hours differ from start/end (Friday for ASN). */
  hours: z.array(weekdayHoursSchema).optional(),
  /** Dated periods with other office hours (Ramadan). */
  periods: z.array(hoursPeriodSchema).optional(),
  /**
   * Whether the national holidays and cuti bersama of flows/holidays/<year>.yaml apply (absent: they do); the
   * loader adds them to `holidays`.
   */
  nationalHolidays: z.boolean().optional(),
  /** The organisation's own dates when nobody works (YYYY-MM-DD, in the calendar's time zone), besides the national ones. */
  holidays: z.array(isoDate).default([]),
});

export const organisationSchema = z.strictObject({
  id,
  name: z.string().min(1),
  calendar: calendarSchema,
  roles: z.array(roleSchema).min(1),
  /**
   * Whom each role answers to: an overdue step of role R is escalated to escalation[R]. Every role has an
   * entry; `null` (written ~) for the top, whom nobody is above. The loader refuses unknown roles and cycles.
   */
  escalation: z.record(id, id.nullable()).default({}),
  /** The role that receives crisis alerts together with the counsellor. */
  crisisRoles: z.array(id).default([]),
  /** Kualifikasi Pelaksana its SOPs name (src/flows/qualifications.ts); steps may require one of them. */
  qualifications: z.array(qualificationSchema).default([]),
});

export const organisationsFileSchema = z.strictObject({ organisations: z.array(organisationSchema).min(1) });

export type Role = z.infer<typeof roleSchema>;
export type WorkingCalendar = z.infer<typeof calendarSchema>;
export type OrganisationDef = z.infer<typeof organisationSchema>;
