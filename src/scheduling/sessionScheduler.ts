// Books counselling sessions. A schedule step (or a request to move a session) leaves a SessionOffer; this
// worker, outside any chat transaction, finds free slots in the counsellor's working hours and calendar and
// offers them to the client; books the slot the client chose (Google Meet when the counsellor's calendar is
// connected, otherwise a session without a link that the counsellor completes with /link); cancels; and sends
// the reminders. Each offer is leased before work (a conditional update), so two workers never book it twice;
// a crashed worker's lease simply runs out. A Meet link Google is still making after the booking is read again
// later (meetLinkWatch.ts).
import type { Config } from "../config.ts";
import { messagesFor } from "../i18n/index.ts";
import { meetLinkTextsFor } from "../i18n/meetLink.ts";
import { pollingLoop, type Job } from "../jobs/pollingLoop.ts";
import type { Logger } from "../logger.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import type { OutboundButton } from "../notify/outboundMessage.ts";
import { buttonAction } from "../dialogs/buttonActions.ts";
import type { FlowContext } from "../store/caseRepository.ts";
import type { Prisma } from "../store/database.ts";
import { ERASURE_CANCELLING } from "../store/erasure.ts";
import { queueToPerson } from "../store/outbox/index.ts";
import { reanchorToSession } from "../store/cases/sessionClock.ts";
import {
  CalendarCredentialError,
  CalendarError,
  InvalidAttendeeError,
  SlotTakenError,
  type BusyInterval,
  type CreateMeetingInput,
  type Meeting,
} from "./calendar.ts";
import type { CalendarProvider } from "./calendarProvider.ts";
import { findFreeSlots, freeSlotSearchWindow } from "./freeSlots.ts";
import { createMeetLinkWatch, nextLinkCheck } from "./meetLinkWatch.ts";
import { completeScheduleStep } from "./scheduleStep.ts";
import { announceCancellation, announceSession, localeOf, remindSession, type SessionCase, type SessionLink } from "./sessionNotices.ts";
import { formatSession, formatSlotButton } from "./sessionTime.ts";

export { completeScheduleStep } from "./scheduleStep.ts";

export type MeetingSettings = Config["meetings"];

export interface SessionSchedulerOptions {
  prisma: Prisma;
  flowContext(flowId: string): FlowContext;
  calendars: CalendarProvider;
  settings: MeetingSettings;
  log: Logger;
  alertAdmins: AlertAdmins;
  clock?: () => Date;
  /** Something was queued in the outbox. */
  afterQueue?: () => void;
  pollMs?: number;
  /** Tries before an offer is given up (the counsellor and the admin are told). */
  maxAttempts?: number;
}

export type SessionScheduler = Job;

type Offer = Awaited<ReturnType<Prisma["sessionOffer"]["findMany"]>>[number];
interface Slot {
  start: Date;
  end: Date;
}

const LEASE_MS = 120_000;
const slotsOf = (offer: Offer): Slot[] =>
  (JSON.parse(offer.slotsJson) as { start: string; end: string }[]).map((s) => ({ start: new Date(s.start), end: new Date(s.end) }));

export function createSessionScheduler(o: SessionSchedulerOptions): SessionScheduler {
  const { prisma, log } = o;
  const clock = o.clock ?? (() => new Date());
  const maxAttempts = o.maxAttempts ?? 5;
  const caseOf = async (offer: { caseId: string; counsellorId: string }) => {
    const c = await prisma.case.findUniqueOrThrow({ where: { id: offer.caseId } });
    const sc: SessionCase = { id: c.id, number: c.number, clientId: c.clientId, counsellorId: offer.counsellorId };
    return { c, sc, ctx: o.flowContext(c.flowId) };
  };
  const links = createMeetLinkWatch({ prisma, calendars: o.calendars, alertAdmins: o.alertAdmins, log, caseOf });

  /** Takes the offer for LEASE_MS; false when another worker has it or it changed. */
  async function lease(offer: Offer, now: Date): Promise<boolean> {
    const got = await prisma.sessionOffer.updateMany({
      where: { id: offer.id, status: offer.status, nextAttemptAt: { lte: now } },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    return got.count === 1;
  }

  async function busyOf(counsellorId: string, window: { from: Date; to: Date }, exceptAppointment: string | null): Promise<BusyInterval[]> {
    const booked = await prisma.appointment.findMany({
      where: {
        counsellorId,
        status: { in: ["booked", "cancelling"] },
        startsAt: { lt: window.to },
        endsAt: { gt: window.from },
        ...(exceptAppointment ? { id: { not: exceptAppointment } } : {}),
      },
      select: { startsAt: true, endsAt: true },
    });
    const busy = booked.map((b) => ({ start: b.startsAt, end: b.endsAt }));
    const access = await o.calendars.forCounsellor(counsellorId);
    if (access) busy.push(...(await access.service.freeBusy({ calendarId: access.calendarId, from: window.from, to: window.to })));
    return busy;
  }

  async function offerSlots(offer: Offer, now: Date): Promise<void> {
    const { sc, ctx } = await caseOf(offer);
    const hours = await o.calendars.workingHours(offer.counsellorId, ctx.organisation.calendar);
    const previous = slotsOf(offer);
    const from = offer.page > 0 && previous.length ? previous[previous.length - 1]!.end : now;
    const query = {
      calendar: hours,
      now,
      from,
      daysAhead: o.settings.searchDays,
      sessionMinutes: o.settings.sessionMinutes,
      bufferMinutes: o.settings.bufferMinutes,
      minLeadMinutes: o.settings.leadMinutes,
      count: o.settings.slotsOffered,
    };
    const busy = await busyOf(offer.counsellorId, freeSlotSearchWindow({ ...query, busy: [] }), offer.appointmentId);
    const slots = findFreeSlots({ ...query, busy });
    await prisma.$transaction(async (tx) => {
      const clientLocale = await localeOf(tx, sc.clientId);
      const t = messagesFor(clientLocale);
      if (slots.length === 0) {
        await tx.sessionOffer.update({ where: { id: offer.id }, data: { status: "failed", lastError: "no free time in the search window" } });
        await queueToPerson(tx, {
          personId: sc.clientId,
          caseId: sc.id,
          message: { text: t.schedule.noneFree({ caseNo: sc.number, days: o.settings.searchDays }), caseNo: sc.number },
        });
        const tc = messagesFor(await localeOf(tx, sc.counsellorId));
        await queueToPerson(tx, {
          personId: sc.counsellorId,
          caseId: sc.id,
          message: { text: tc.schedule.noneFreeCounsellor({ caseNo: sc.number, days: o.settings.searchDays }), caseNo: sc.number },
        });
        return;
      }
      await tx.sessionOffer.update({
        where: { id: offer.id },
        data: { status: "offered", slotsJson: JSON.stringify(slots), attempts: 0, lastError: null, nextAttemptAt: now },
      });
      const buttons: OutboundButton[] = slots.map((s, i) => ({
        label: formatSlotButton(s.start, s.end, hours, clientLocale),
        action: buttonAction.slot(offer.id, i),
      }));
      buttons.push({ label: t.schedule.more, action: buttonAction.moreSlots(offer.id) });
      const reason = offer.requestedBy === "taken" ? "taken" : offer.requestedBy === "counsellor" && offer.page === 0 ? "counsellor" : undefined;
      await queueToPerson(tx, {
        personId: sc.clientId,
        caseId: sc.id,
        message: { text: t.schedule.offer({ caseNo: sc.number, minutes: o.settings.sessionMinutes, reason }), caseNo: sc.number, buttons },
      });
      if (offer.page === 0 && offer.requestedBy === "step") {
        const tc = messagesFor(await localeOf(tx, sc.counsellorId));
        await queueToPerson(tx, {
          personId: sc.counsellorId,
          caseId: sc.id,
          message: { text: tc.schedule.offeredToCounsellor({ caseNo: sc.number, count: slots.length }), caseNo: sc.number },
        });
      }
      await tx.auditEvent.create({
        data: { at: now, type: "session_offered", caseId: sc.id, dataJson: JSON.stringify({ offerId: offer.id, slots: slots.length, page: offer.page }) },
      });
    });
  }

  async function bookChosen(offer: Offer, now: Date): Promise<void> {
    const { c, sc, ctx } = await caseOf(offer);
    const slot = slotsOf(offer)[offer.chosen ?? -1];
    if (!slot) {
      await prisma.sessionOffer.update({ where: { id: offer.id }, data: { status: "pending", page: 0, nextAttemptAt: now } });
      return;
    }
    const moving = offer.appointmentId ? await prisma.appointment.findUnique({ where: { id: offer.appointmentId } }) : null;
    const clash = await prisma.appointment.findFirst({
      where: {
        counsellorId: offer.counsellorId,
        status: { in: ["booked", "cancelling"] },
        startsAt: { lt: slot.end },
        endsAt: { gt: slot.start },
        ...(moving ? { id: { not: moving.id } } : {}),
      },
      select: { id: true },
    });
    const access = await o.calendars.forCounsellor(offer.counsellorId);
    let meeting: Meeting | null = null;
    let guestRefused = false;
    try {
      if (clash) throw new SlotTakenError("another session of this counsellor is at that time", slot);
      if (access && moving?.externalId) {
        meeting = await access.service.moveMeeting({ calendarId: access.calendarId, eventId: moving.externalId, start: slot.start, end: slot.end });
      } else if (access && !moving) {
        const intake = JSON.parse(c.intakeJson || "{}") as { answers?: { email?: string | null } };
        const booking: CreateMeetingInput = {
          calendarId: access.calendarId,
          key: `${c.id}:${offer.stepRunId ?? "sesi"}:${offer.id}`,
          start: slot.start,
          end: slot.end,
          title: `Sesi konseling Kasus #${c.number}`,
          description: "Pintu Konseling",
          attendeeEmails: intake.answers?.email ? [intake.answers.email] : [],
          timeZone: ctx.organisation.calendar.timeZone,
        };
        try {
          meeting = await access.service.createMeeting(booking);
        } catch (error) {
          if (!(error instanceof InvalidAttendeeError) || !booking.attendeeEmails?.length) throw error;
          // Google refused the client's email as a guest: book without it (the link reaches them in chat anyway).
          log.warn({ offerId: offer.id, err: error.message }, "Google refused the client's email as a guest; booking without inviting it");
          guestRefused = true;
          meeting = await access.service.createMeeting({ ...booking, attendeeEmails: [] });
        }
      }
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      // Taken in the meantime: fresh slots go to the client, saying so.
      await prisma.sessionOffer.update({
        where: { id: offer.id },
        data: { status: "pending", page: 0, chosen: null, requestedBy: "taken", nextAttemptAt: now },
      });
      return;
    }

    // Google may still be making the Meet link: the session is booked now and the link read again later.
    const link: SessionLink = meeting ? meeting.meetLink : "manual";
    const linkPending = !moving && link === "pending" ? { linkPendingSince: now, linkCheckAt: nextLinkCheck(now, now) } : {};
    await prisma.$transaction(async (tx) => {
      const passed = o.settings.reminderMinutesBefore.filter((m) => slot.start.getTime() - m * 60_000 <= now.getTime());
      const appointment = moving
        ? await tx.appointment.update({
            where: { id: moving.id },
            data: {
              startsAt: slot.start,
              endsAt: slot.end,
              sequence: { increment: 1 },
              remindersJson: JSON.stringify(passed),
              ...(meeting?.meetUrl ? { meetUrl: meeting.meetUrl, meetingCode: meeting.meetingCode } : {}),
            },
          })
        : await tx.appointment.create({
            data: {
              caseId: c.id,
              stepRunId: offer.stepRunId,
              counsellorId: offer.counsellorId,
              startsAt: slot.start,
              endsAt: slot.end,
              meetUrl: meeting?.meetUrl ?? null,
              meetingCode: meeting?.meetingCode ?? null,
              externalId: meeting?.eventId ?? null,
              status: "booked",
              remindersJson: JSON.stringify(passed),
              ...linkPending,
            },
          });
      await tx.sessionOffer.update({ where: { id: offer.id }, data: { status: "booked", appointmentId: appointment.id, lastError: null } });
      await announceSession(tx, { ctx, c: sc, a: appointment, moved: Boolean(moving), link });
      await tx.auditEvent.create({
        data: {
          at: now,
          type: moving ? "session_moved" : "session_booked",
          caseId: c.id,
          dataJson: JSON.stringify({
            appointmentId: appointment.id,
            calendar: Boolean(meeting),
            link: Boolean(appointment.meetUrl),
            ...(meeting ? { meetLink: meeting.meetLink } : {}),
            ...(guestRefused ? { guestRefused } : {}),
          }),
        },
      });
      if (!moving && appointment.meetUrl)
        await completeScheduleStep(tx, {
          ctx,
          caseId: c.id,
          stepRunId: offer.stepRunId,
          counsellorId: offer.counsellorId,
          note: formatSession(slot.start, slot.end, ctx.organisation.calendar, "id"),
          at: now,
        });
      // A waiting step whose clock starts at the session's end (supervision after the session) follows the new time.
      await reanchorToSession(tx, ctx, c.id, now);
    });
    if (!moving && link === "failed") {
      await o.alertAdmins({
        key: `meet-link-failed:${offer.id}`,
        text: `Google Calendar booked the session of case #${sc.number} but did not make its Google Meet link; the counsellor was asked to add one with /link. If this repeats, check that Google Meet is turned on for the counsellors' Workspace accounts.`,
      });
    }
  }

  async function failOffer(offer: Offer, error: unknown, now: Date): Promise<void> {
    const credential = error instanceof CalendarCredentialError;
    // Refused for a reason retrying cannot fix (a credential, a time zone Google does not know, a range too long):
    // told at once, not after every retry.
    const refused = error instanceof CalendarError && !error.retryable;
    const attempts = offer.attempts + 1;
    const message = (error as Error).message ?? String(error);
    if (!refused && attempts < maxAttempts) {
      const delay = Math.min(15 * 60_000, 30_000 * 2 ** (attempts - 1));
      await prisma.sessionOffer.update({
        where: { id: offer.id },
        data: { attempts, lastError: message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + delay) },
      });
      log.warn({ offerId: offer.id, attempts, retryInMs: delay, err: message }, "booking a session failed; will retry");
      return;
    }
    const { sc } = await caseOf(offer);
    await prisma.$transaction(async (tx) => {
      await tx.sessionOffer.update({ where: { id: offer.id }, data: { status: "failed", attempts, lastError: message.slice(0, 500) } });
      const counsellorLocale = await localeOf(tx, sc.counsellorId);
      const tc = messagesFor(counsellorLocale);
      const reason = credential ? tc.schedule.credentialRefused : refused ? meetLinkTextsFor(counsellorLocale).refused : tc.schedule.unavailable;
      await queueToPerson(tx, {
        personId: sc.counsellorId,
        caseId: sc.id,
        message: { text: tc.schedule.failedCounsellor({ caseNo: sc.number, reason }), caseNo: sc.number },
      });
      const t = messagesFor(await localeOf(tx, sc.clientId));
      await queueToPerson(tx, { personId: sc.clientId, caseId: sc.id, message: { text: t.schedule.failedClient({ caseNo: sc.number }), caseNo: sc.number } });
      await tx.auditEvent.create({
        data: { at: now, type: "session_failed", caseId: sc.id, dataJson: JSON.stringify({ offerId: offer.id, credential, refused, attempts }) },
      });
    });
    await o.alertAdmins({
      key: credential ? `calendar-credential:${offer.counsellorId}:${now.toISOString().slice(0, 10)}` : `calendar-unavailable:${offer.id}`,
      text: credential
        ? `Google Calendar refused the credential for a counsellor (${(error as CalendarCredentialError).code}): ${message} Check the service account's domain-wide delegation or run: npm run cli -- google connect <staff id>.`
        : refused
          ? `Google Calendar refused booking a session for case #${sc.number}: ${message}`
          : `Booking a session for case #${sc.number} failed after ${attempts} tries: ${message}`,
    });
    log.error({ offerId: offer.id, credential, err: message }, "a session could not be booked; the counsellor and the admin were told");
  }

  async function cancelDue(now: Date): Promise<void> {
    const due = await prisma.appointment.findMany({ where: { status: { startsWith: "cancelling" }, updatedAt: { lte: now } }, take: 20 });
    for (const a of due) {
      const claimed = await prisma.appointment.updateMany({
        where: { id: a.id, status: a.status, updatedAt: a.updatedAt },
        data: { updatedAt: new Date(now.getTime() + LEASE_MS) },
      });
      if (claimed.count !== 1) continue;
      const access = await o.calendars.forCounsellor(a.counsellorId);
      // An erased client's session: the event goes with its guest list, and nobody is told (the case is gone).
      const erased = a.status === ERASURE_CANCELLING;
      if (access && a.externalId) {
        try {
          await access.service.cancelMeeting({ calendarId: access.calendarId, eventId: a.externalId, scrub: erased });
        } catch (error) {
          if (!(error instanceof CalendarCredentialError)) throw error;
          await o.alertAdmins({
            key: `calendar-cancel:${a.id}`,
            text: `A cancelled session stays in the counsellor's Google Calendar: ${(error as Error).message}`,
          });
        }
      }
      const { sc, ctx } = await caseOf(a);
      const by = a.status.endsWith(":client") ? "client" : a.status.endsWith(":archive") ? "archive" : "counsellor";
      await prisma.$transaction(async (tx) => {
        const cancelled = await tx.appointment.update({ where: { id: a.id }, data: { status: "cancelled", sequence: { increment: 1 } } });
        if (!erased) {
          await announceCancellation(tx, { ctx, c: sc, a: cancelled, by });
          await reanchorToSession(tx, ctx, a.caseId, now);
        }
        await tx.auditEvent.create({
          data: { at: now, type: "session_cancelled", caseId: a.caseId, dataJson: JSON.stringify({ appointmentId: a.id, by: erased ? "erasure" : by }) },
        });
      });
    }
  }

  async function remindDue(now: Date): Promise<void> {
    const maxBefore = Math.max(0, ...o.settings.reminderMinutesBefore);
    const soon = await prisma.appointment.findMany({
      where: { status: "booked", startsAt: { gt: now, lte: new Date(now.getTime() + maxBefore * 60_000) } },
      take: 200,
    });
    for (const a of soon) {
      const sent = JSON.parse(a.remindersJson) as number[];
      const due = o.settings.reminderMinutesBefore.filter((m) => !sent.includes(m) && a.startsAt.getTime() - m * 60_000 <= now.getTime());
      if (due.length === 0) continue;
      const minutes = Math.min(...due); // several due at once (the worker was down): one reminder, the nearest
      const { sc, ctx } = await caseOf(a);
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.appointment.updateMany({
          where: { id: a.id, remindersJson: a.remindersJson },
          data: { remindersJson: JSON.stringify([...sent, ...due]) },
        });
        if (claimed.count !== 1) return;
        await remindSession(tx, { ctx, c: sc, a, minutes });
        await tx.auditEvent.create({
          data: { at: now, type: "session_reminder", caseId: a.caseId, dataJson: JSON.stringify({ appointmentId: a.id, minutes }) },
        });
      });
    }
  }

  async function runOnce(): Promise<void> {
    const now = clock();
    const offers = await prisma.sessionOffer.findMany({
      where: { status: { in: ["pending", "booking"] }, nextAttemptAt: { lte: now } },
      orderBy: { createdAt: "asc" },
      take: 50,
    });
    for (const offer of offers) {
      if (!(await lease(offer, now))) continue;
      try {
        if (offer.status === "pending") await offerSlots(offer, now);
        else await bookChosen(offer, now);
      } catch (error) {
        await failOffer(offer, error, now).catch((e: Error) => log.error({ err: e.message }, "recording a session failure failed"));
      }
    }
    await cancelDue(now);
    await remindDue(now);
    await links.checkDue(now);
    o.afterQueue?.();
  }

  return pollingLoop({
    pass: runOnce,
    pollMs: o.pollMs ?? 15_000,
    onError: (error) => log.error({ err: error.message }, "session scheduler pass failed; will try again"),
  });
}
