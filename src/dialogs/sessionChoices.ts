// The client's and counsellor's side of booking a session in chat: a slot pressed, "other times", moving or
// cancelling a booked session (the slot, more_slots, reschedule_session and cancel_session buttons), and the counsellor's
// /link when sessions are not booked in Google Calendar. The calendar calls themselves happen in the session
// scheduler, after this transaction commits.
import { DEFAULT_MEETING_LINK_HOSTS, meetingLinkAllowed } from "../scheduling/meetingLinkHosts.ts";
import { messagesFor } from "../i18n/index.ts";
import { may } from "../core/policy.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { completeScheduleStep } from "../scheduling/sessionScheduler.ts";
import { announceSession } from "../scheduling/sessionNotices.ts";
import { formatSession } from "../scheduling/sessionTime.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { caseById, caseByNumber } from "../store/cases/caseSummaries.ts";
import { bookedSessionOf, cancelSession, sessionWithCase, setSessionLink } from "../store/sessions/appointments.ts";
import { askForMoreSlots, chooseOfferedSlot, offerToMoveSession, sessionOfferById } from "../store/sessions/sessionOffers.ts";
import type { ChoiceAction } from "./buttonActions.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";

/** Says something short about a press: a toast where the channel has one, a message otherwise. */
async function notice(turn: Turn, text: string): Promise<void> {
  turn.toast = text;
  if (!turn.deps.capabilitiesOf(turn.msg.channel).toasts) await reply(turn, textMessage(text));
}

/** The buttons of booking a session. */
export type SessionChoice = Extract<ChoiceAction, { kind: "slot" | "more_slots" | "reschedule_session" | "cancel_session" }>;

/** Handles a session choice. */
export async function handleSessionChoice(turn: Turn, choice: SessionChoice): Promise<void> {
  const t = messagesFor(localeOf(turn));
  if (choice.kind === "slot" || choice.kind === "more_slots") {
    const offer = await sessionOfferById(turn.tx, choice.offerId);
    const c = offer ? await caseById(turn.tx, offer.caseId) : null;
    if (!offer || !c || offer.status !== "offered" || c.status !== "open" || c.clientId !== turn.sender?.personId) {
      return notice(turn, t.schedule.stale);
    }
    const more = choice.kind === "more_slots";
    const changed =
      choice.kind === "more_slots"
        ? await askForMoreSlots(turn.tx, { offerId: offer.id, at: turn.now })
        : await chooseOfferedSlot(turn.tx, { offerId: offer.id, index: choice.index, at: turn.now });
    if (!changed) return notice(turn, t.schedule.stale);
    await recordAudit(turn.tx, {
      type: more ? "session_more_slots" : "session_slot_chosen",
      at: turn.now,
      caseId: offer.caseId,
      actorId: turn.sender?.personId,
      data: { offerId: offer.id },
    });
    if (!more) await notice(turn, t.schedule.chosen);
    else turn.toast = "";
    return;
  }
  const a = await sessionWithCase(turn.tx, choice.appointmentId);
  const allowed =
    a &&
    may({
      subject: { personId: turn.sender?.personId ?? null, roles: turn.sender?.roles ?? [] },
      action: "case.manageSession",
      case: { orgId: a.case.orgId, clientId: a.case.clientId, counsellorId: a.case.counsellorId },
    });
  const who = a && allowed ? (a.case.clientId === turn.sender!.personId ? "client" : "counsellor") : null;
  if (!a || !who || a.status !== "booked" || a.case.status !== "open") {
    return notice(turn, t.schedule.stale);
  }
  if (choice.kind === "cancel_session") {
    await cancelSession(turn.tx, { appointmentId: a.id, by: who, at: turn.now });
    turn.toast = "";
    return;
  }
  // Moving keeps the session card's buttons: until a new time is chosen, the session can still be cancelled.
  turn.keepKeyboard = true;
  await offerToMoveSession(turn.tx, { appointment: a, requestedBy: who, at: turn.now });
  if (who === "counsellor") await notice(turn, t.schedule.rescheduleAsked);
  else turn.toast = "";
}

/** /link <no> <url>: the counsellor adds the meeting link by hand; it goes to the client and completes the schedule step. */
export async function addSessionLink(turn: Turn, args: string): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const m = /^#?(\d{1,9})\s+(\S+)\s*$/.exec(args.trim());
  if (!m) return reply(turn, textMessage(t.schedule.linkUsage));
  let url: URL | null = null;
  try {
    url = new URL(m[2]!);
  } catch {
    url = null;
  }
  if (url?.protocol !== "https:") return reply(turn, textMessage(t.schedule.linkBad));
  const c = await caseByNumber(turn.tx, Number(m[1]));
  const subject = { personId: turn.sender?.personId ?? null, roles: turn.sender?.roles ?? [] };
  // The case's counsellor, holding the role now (not someone who once counselled it).
  if (!c || c.counsellorId !== turn.sender?.personId || !may({ subject, action: "case.answerClient", case: c }))
    return reply(turn, textMessage(t.relay.notYourCase));
  // Only links on the unit's meeting hosts reach a client in a counsellor's name (MEETING_LINK_HOSTS).
  const hosts = turn.deps.settings.meetingLinkHosts ?? DEFAULT_MEETING_LINK_HOSTS;
  if (!meetingLinkAllowed(url, hosts)) {
    await recordAudit(turn.tx, { type: "session_link_refused", at: turn.now, caseId: c.id, actorId: turn.sender.personId, data: { host: url.hostname } });
    return reply(turn, textMessage(t.schedule.linkHostRefused({ hosts })));
  }
  const a = await bookedSessionOf(turn.tx, c.id);
  if (!a) return reply(turn, textMessage(t.schedule.noSession({ caseNo: c.number })));
  const updated = await setSessionLink(turn.tx, { appointmentId: a.id, url: url.toString() });
  const ctx = turn.deps.flowContext(c.flowId);
  await announceSession(turn.tx, { ctx, c: { id: c.id, number: c.number, clientId: c.clientId, counsellorId: a.counsellorId }, a: updated, moved: false });
  await completeScheduleStep(turn.tx, {
    ctx,
    caseId: c.id,
    stepRunId: a.stepRunId,
    counsellorId: a.counsellorId,
    note: formatSession(a.startsAt, a.endsAt, ctx.organisation.calendar, "id"),
    at: turn.now,
  });
  await recordAudit(turn.tx, { type: "session_link_added", at: turn.now, caseId: c.id, actorId: turn.sender.personId, data: { appointmentId: a.id } });
  await reply(turn, textMessage(t.schedule.linkSent({ caseNo: c.number })));
}
