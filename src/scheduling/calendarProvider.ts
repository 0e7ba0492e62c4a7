// Which calendar a counsellor's sessions are booked in: Google Calendar when the service has Google
// credentials and the counsellor is connected (Workspace email for a service account, a refresh token for
// an OAuth client), otherwise none — slots then come from working hours alone and the link is added by hand.
import type { WorkingCalendar } from "../flows/flowSchema.ts";
import type { Prisma } from "../store/database.ts";
import type { CalendarService } from "./calendar.ts";
import type { GoogleCalendarFactory } from "./googleCalendar.ts";

export interface CounsellorCalendarAccess {
  service: CalendarService;
  calendarId: string;
}

export interface CalendarProvider {
  /** The counsellor's calendar, or null when sessions are not booked in a calendar for them. */
  forCounsellor(personId: string): Promise<CounsellorCalendarAccess | null>;
  /** The counsellor's working hours: their own when set, else the organisation's. */
  workingHours(personId: string, organisation: WorkingCalendar): Promise<WorkingCalendar>;
}

export function createCalendarProvider(p: { prisma: Prisma; google?: GoogleCalendarFactory; credentialKind?: "service_account" | "oauth" }): CalendarProvider {
  return {
    async forCounsellor(personId) {
      if (!p.google) return null;
      const row = await p.prisma.counsellorCalendar.findUnique({ where: { personId } });
      if (!row?.googleEmail) return null;
      if (p.credentialKind === "oauth" && !row.refreshToken) return null;
      return { service: p.google.forCounsellor({ email: row.googleEmail, refreshToken: row.refreshToken }), calendarId: row.calendarId };
    },
    async workingHours(personId, organisation) {
      const row = await p.prisma.counsellorCalendar.findUnique({ where: { personId }, select: { workingHoursJson: true } });
      if (!row?.workingHoursJson) return organisation;
      const own = JSON.parse(row.workingHoursJson) as Partial<WorkingCalendar>;
      return { ...organisation, ...own, holidays: organisation.holidays, timeZone: organisation.timeZone };
    },
  };
}
