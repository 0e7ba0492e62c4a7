// The messages around a booked session: the time (WIB), the Meet link and code, buttons to move or cancel,
// and for email recipients an ICS invitation. Queued in the caller's transaction.
import { messagesFor, type Locale } from "../i18n/index.ts";
import { meetLinkTextsFor } from "../i18n/meetLink.ts";
import type { CalendarInvite, OutboundButton, OutboundMessage } from "../notify/outboundMessage.ts";
import type { FlowContext } from "../store/caseRepository.ts";
import type { Tx } from "../store/database.ts";
import { queueToPerson } from "../store/outbox/index.ts";
import { formatSession } from "./sessionTime.ts";
import { buttonAction } from "../dialogs/buttonActions.ts";
import type { MeetLinkState } from "./calendar.ts";

export interface SessionCase {
  id: string;
  number: number;
  clientId: string;
  counsellorId: string;
}

export interface SessionAppointment {
  id: string;
  startsAt: Date;
  endsAt: Date;
  meetUrl: string | null;
  meetingCode: string | null;
  sequence: number;
}

export async function localeOf(tx: Tx, personId: string): Promise<Locale> {
  const p = await tx.person.findUnique({ where: { id: personId }, select: { locale: true } });
  return p?.locale === "en" ? "en" : "id";
}

/** The ICS invitation for a session (REQUEST, or CANCEL when it was called off). */
export function sessionInvite(
  c: SessionCase,
  a: SessionAppointment,
  method: "REQUEST" | "CANCEL",
  p: { attendees?: string[]; organizer?: string } = {},
): CalendarInvite {
  return {
    uid: `sesi-${a.id}@pintu-konseling`,
    method,
    sequence: a.sequence,
    start: a.startsAt,
    end: a.endsAt,
    title: `Sesi konseling Kasus #${c.number}`,
    description: a.meetUrl ? `Google Meet: ${a.meetUrl}` : undefined,
    url: a.meetUrl ?? undefined,
    organizerEmail: p.organizer,
    attendeeEmails: p.attendees ?? [],
  };
}

function sessionButtons(locale: Locale, appointmentId: string): OutboundButton[] {
  const t = messagesFor(locale);
  return [
    { label: t.schedule.reschedule, action: buttonAction.rescheduleSession(appointmentId) },
    { label: t.schedule.cancel, action: buttonAction.cancelSession(appointmentId) },
  ];
}

/**
 * Where a session's link comes from: the calendar made it or is still making it ("ready", "pending"), the
 * calendar gave up on it ("failed"), or there is no calendar for this counsellor ("manual": added with /link).
 */
export type SessionLink = MeetLinkState | "manual";

interface Side {
  who: "client" | "counsellor";
  locale: Locale;
  t: ReturnType<typeof messagesFor>;
  /** The session's time, in the organisation's time zone and this side's language. */
  when: string;
}

/** Queues one message to each side of a session, written in that side's language. */
async function toBothSides(tx: Tx, p: { ctx: FlowContext; c: SessionCase; a: SessionAppointment }, build: (side: Side) => OutboundMessage): Promise<void> {
  for (const who of ["client", "counsellor"] as const) {
    const personId = who === "client" ? p.c.clientId : p.c.counsellorId;
    const locale = await localeOf(tx, personId);
    const when = formatSession(p.a.startsAt, p.a.endsAt, p.ctx.organisation.calendar, locale);
    await queueToPerson(tx, { personId, caseId: p.c.id, message: build({ who, locale, t: messagesFor(locale), when }) });
  }
}

/**
 * Tells client and counsellor about a booked or moved session, each in their language, with the buttons. Without
 * a link yet, `link` says why: Google is still making it (both are told it follows), Google gave up or there is
 * no calendar (the counsellor is asked to add one with /link).
 */
export async function announceSession(
  tx: Tx,
  p: { ctx: FlowContext; c: SessionCase; a: SessionAppointment; moved: boolean; link?: SessionLink },
): Promise<void> {
  const link = p.link ?? "manual";
  await toBothSides(tx, p, ({ who, locale, t, when }) => {
    const m = meetLinkTextsFor(locale);
    let text = p.moved
      ? t.schedule.moved({ caseNo: p.c.number, when, link: p.a.meetUrl })
      : !p.a.meetUrl && link === "pending"
        ? m.bookedLinkPending({ caseNo: p.c.number, when })
        : t.schedule.booked({ caseNo: p.c.number, when, link: p.a.meetUrl, code: p.a.meetingCode });
    if (who === "counsellor" && !p.a.meetUrl && link !== "pending") {
      text += `\n\n${link === "failed" ? m.linkFailedCounsellor({ caseNo: p.c.number, when }) : t.schedule.addLinkByHand({ caseNo: p.c.number })}`;
    }
    return { text, caseNo: p.c.number, buttons: sessionButtons(locale, p.a.id), invite: sessionInvite(p.c, p.a, "REQUEST") };
  });
}

/** The Meet link Google finished after the booking, to both sides (with the invitation, now carrying it). */
export async function announceMeetLink(tx: Tx, p: { ctx: FlowContext; c: SessionCase; a: SessionAppointment & { meetUrl: string } }): Promise<void> {
  await toBothSides(tx, p, ({ locale, when }) => ({
    text: meetLinkTextsFor(locale).linkReady({ caseNo: p.c.number, when, link: p.a.meetUrl, code: p.a.meetingCode }),
    caseNo: p.c.number,
    invite: sessionInvite(p.c, p.a, "REQUEST"),
  }));
}

/** Tells the counsellor that Google did not make the session's Meet link and they should add one with /link. */
export async function announceMeetLinkFailed(tx: Tx, p: { ctx: FlowContext; c: SessionCase; a: SessionAppointment }): Promise<void> {
  const locale = await localeOf(tx, p.c.counsellorId);
  const when = formatSession(p.a.startsAt, p.a.endsAt, p.ctx.organisation.calendar, locale);
  await queueToPerson(tx, {
    personId: p.c.counsellorId,
    caseId: p.c.id,
    message: { text: meetLinkTextsFor(locale).linkFailedCounsellor({ caseNo: p.c.number, when }), caseNo: p.c.number },
  });
}

/** Tells both sides a session was cancelled (and by whom), with the ICS cancellation. */
export async function announceCancellation(
  tx: Tx,
  p: { ctx: FlowContext; c: SessionCase; a: SessionAppointment; by: "client" | "counsellor" | "archive" },
): Promise<void> {
  await toBothSides(tx, p, ({ t, when }) => ({
    text:
      p.by === "archive"
        ? t.schedule.cancelledByArchive({ caseNo: p.c.number, when })
        : t.schedule.cancelled({ caseNo: p.c.number, when, by: p.by === "client" ? t.schedule.byClient : t.schedule.byCounsellor }),
    caseNo: p.c.number,
    invite: sessionInvite(p.c, p.a, "CANCEL"),
  }));
}

/** A reminder `minutes` before the session, to both sides. */
export async function remindSession(tx: Tx, p: { ctx: FlowContext; c: SessionCase; a: SessionAppointment; minutes: number }): Promise<void> {
  await toBothSides(tx, p, ({ t, when }) => ({
    text: t.schedule.reminder({ caseNo: p.c.number, when, link: p.a.meetUrl, before: t.schedule.inMinutes({ minutes: p.minutes }) }),
    caseNo: p.c.number,
  }));
}
