// Google makes a Meet link asynchronously: after events.insert the conference may stay "pending" (no link yet)
// and later end in "success" (entry points populated) or "failure" (none). A session booked while its link was
// still pending keeps linkPendingSince/linkCheckAt, and the scheduler's pass reads the event again on a back-off
// here: once the link is there it goes to both sides (and the schedule step is done); once Google gave up, or
// the link is still not there after LINK_GIVE_UP_MS or at the session's start, the counsellor is asked to add a
// link by hand and the admin is told. Each check is leased first, so two workers never read and send it twice.
import type { Logger } from "../logger.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import type { FlowContext } from "../store/caseRepository.ts";
import type { Prisma } from "../store/database.ts";
import { CalendarError, MeetingNotFoundError, type Meeting } from "./calendar.ts";
import type { CalendarProvider } from "./calendarProvider.ts";
import { completeScheduleStep } from "./scheduleStep.ts";
import { announceMeetLink, announceMeetLinkFailed, type SessionCase } from "./sessionNotices.ts";
import { formatSession } from "./sessionTime.ts";

/** The first check after the booking; later ones wait as long again as the link has been pending. */
export const FIRST_LINK_CHECK_MS = 10_000;
/** No wait between two checks is longer. */
export const MAX_LINK_CHECK_MS = 5 * 60_000;
/** Google normally answers within seconds; a link still pending after an hour is treated as not coming. */
export const LINK_GIVE_UP_MS = 60 * 60_000;
const LEASE_MS = 120_000;

/** When to read a pending link again: 10 s after the booking, then as long again as it has waited (at most 5 min). */
export function nextLinkCheck(pendingSince: Date, now: Date): Date {
  const waited = now.getTime() - pendingSince.getTime();
  return new Date(now.getTime() + Math.min(MAX_LINK_CHECK_MS, Math.max(FIRST_LINK_CHECK_MS, waited)));
}

/** Whether a link still pending is given up: pending for LINK_GIVE_UP_MS, or the session has begun. */
export function linkGivenUp(p: { pendingSince: Date; startsAt: Date; now: Date }): boolean {
  return p.now.getTime() - p.pendingSince.getTime() >= LINK_GIVE_UP_MS || p.now.getTime() >= p.startsAt.getTime();
}

export interface MeetLinkWatchOptions {
  prisma: Prisma;
  calendars: CalendarProvider;
  alertAdmins: AlertAdmins;
  log: Logger;
  /** The case of a session, as the scheduler reads it. */
  caseOf(a: { caseId: string; counsellorId: string }): Promise<{ sc: SessionCase; ctx: FlowContext }>;
}

export interface MeetLinkWatch {
  /** Reads every pending link whose check is due (the caller kicks the outbox after its pass). */
  checkDue(now: Date): Promise<void>;
}

type Appointment = Awaited<ReturnType<Prisma["appointment"]["findMany"]>>[number];
type Outcome = { kind: "ready"; meeting: Meeting & { meetUrl: string } } | { kind: "pending" } | { kind: "failed"; why: string };

export function createMeetLinkWatch(o: MeetLinkWatchOptions): MeetLinkWatch {
  const { prisma, log } = o;

  async function read(a: Appointment): Promise<Outcome> {
    const access = await o.calendars.forCounsellor(a.counsellorId);
    if (!access || !a.externalId) return { kind: "failed", why: "the counsellor's calendar is no longer connected" };
    try {
      const meeting = await access.service.readMeeting({ calendarId: access.calendarId, eventId: a.externalId });
      if (meeting.meetLink === "ready" && meeting.meetUrl) return { kind: "ready", meeting: { ...meeting, meetUrl: meeting.meetUrl } };
      return meeting.meetLink === "pending" ? { kind: "pending" } : { kind: "failed", why: "Google's conference request ended in failure" };
    } catch (error) {
      if (error instanceof MeetingNotFoundError) return { kind: "failed", why: "the event was removed from the counsellor's calendar" };
      if (!(error instanceof CalendarError)) throw error;
      // Unreachable, rate-limited or refused this time: still pending as far as we know; the back-off goes on.
      log.warn({ appointmentId: a.id, err: error.message }, "could not read a session's Meet link; will try again");
      return { kind: "pending" };
    }
  }

  async function ready(a: Appointment, meeting: Meeting & { meetUrl: string }, now: Date): Promise<void> {
    const { sc, ctx } = await o.caseOf(a);
    await prisma.$transaction(async (tx) => {
      const updated = await tx.appointment.update({
        where: { id: a.id },
        data: { meetUrl: meeting.meetUrl, meetingCode: meeting.meetingCode, linkPendingSince: null, linkCheckAt: null, sequence: { increment: 1 } },
      });
      await announceMeetLink(tx, { ctx, c: sc, a: { ...updated, meetUrl: meeting.meetUrl } });
      const waitedMs = now.getTime() - (a.linkPendingSince ?? now).getTime();
      await tx.auditEvent.create({
        data: { at: now, type: "session_link_ready", caseId: a.caseId, dataJson: JSON.stringify({ appointmentId: a.id, waitedMs }) },
      });
      await completeScheduleStep(tx, {
        ctx,
        caseId: a.caseId,
        stepRunId: a.stepRunId,
        counsellorId: a.counsellorId,
        note: formatSession(a.startsAt, a.endsAt, ctx.organisation.calendar, "id"),
        at: now,
      });
    });
  }

  async function failed(a: Appointment, why: string, now: Date): Promise<void> {
    const { sc, ctx } = await o.caseOf(a);
    await prisma.$transaction(async (tx) => {
      const updated = await tx.appointment.update({ where: { id: a.id }, data: { linkPendingSince: null, linkCheckAt: null } });
      await announceMeetLinkFailed(tx, { ctx, c: sc, a: updated });
      await tx.auditEvent.create({ data: { at: now, type: "session_link_failed", caseId: a.caseId, dataJson: JSON.stringify({ appointmentId: a.id, why }) } });
    });
    await o.alertAdmins({ key: `meet-link-failed:${a.id}`, text: meetLinkFailedAlert(sc.number, why) });
    log.warn({ appointmentId: a.id, why }, "Google did not make a session's Meet link; the counsellor and the admin were told");
  }

  async function checkOne(a: Appointment, now: Date): Promise<void> {
    const pendingSince = a.linkPendingSince ?? now;
    const outcome = await read(a);
    if (outcome.kind === "ready") return ready(a, outcome.meeting, now);
    if (outcome.kind === "failed") return failed(a, outcome.why, now);
    if (linkGivenUp({ pendingSince, startsAt: a.startsAt, now })) {
      return failed(a, `Google was still making the link after ${Math.round((now.getTime() - pendingSince.getTime()) / 60_000)} minutes`, now);
    }
    await prisma.appointment.update({ where: { id: a.id }, data: { linkCheckAt: nextLinkCheck(pendingSince, now) } });
  }

  return {
    async checkDue(now) {
      const due = await prisma.appointment.findMany({ where: { status: "booked", linkCheckAt: { lte: now } }, orderBy: { linkCheckAt: "asc" }, take: 20 });
      for (const a of due) {
        const claimed = await prisma.appointment.updateMany({
          where: { id: a.id, linkCheckAt: a.linkCheckAt },
          data: { linkCheckAt: new Date(now.getTime() + LEASE_MS) },
        });
        if (claimed.count !== 1) continue;
        try {
          await checkOne(a, now);
        } catch (error) {
          // The lease runs out and the next pass tries again.
          log.error({ appointmentId: a.id, err: (error as Error).message }, "checking a session's Meet link failed; will try again");
        }
      }
    },
  };
}

/** The admin's alert: what happened, and what to check when it repeats. */
function meetLinkFailedAlert(caseNo: number, why: string): string {
  return (
    `Google Calendar did not make the Google Meet link for the session of case #${caseNo} (${why}). The counsellor was asked to add a link ` +
    "with /link. If this repeats, check that Google Meet is turned on for the counsellors' Workspace accounts (Admin console: Apps > " +
    "Google Workspace > Google Meet) and that Meet is the calendar's video conferencing."
  );
}
