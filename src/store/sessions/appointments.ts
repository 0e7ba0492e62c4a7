// Booked counselling sessions as the chat changes them: a session button checked against its case, a
// cancellation asked for (the scheduler removes the calendar event after the commit), a meeting link added by hand.
import type { Tx } from "../database.ts";
import { withdrawOffersToMove } from "./sessionOffers.ts";

/** A booked session, with what its notices and the schedule step need. */
export interface Session {
  id: string;
  caseId: string;
  stepRunId: string | null;
  counsellorId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  meetUrl: string | null;
  meetingCode: string | null;
  sequence: number;
}

const sessionFields = {
  id: true,
  caseId: true,
  stepRunId: true,
  counsellorId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  meetUrl: true,
  meetingCode: true,
  sequence: true,
} as const;

/**
 * When the case's latest session ends (a booked one, or one held), or null without one: the clock of a step after a
 * session starts there (src/core/stepClockStart.ts). Cancelled sessions do not count.
 */
export async function latestSessionEnd(tx: Tx, caseId: string): Promise<Date | null> {
  const latest = await tx.appointment.findFirst({
    where: { caseId, status: { in: ["booked", "done"] } },
    orderBy: { endsAt: "desc" },
    select: { endsAt: true },
  });
  return latest?.endsAt ?? null;
}

/** A session with who may manage it (its case's client and counsellor) and whether its case is still open. */
export interface SessionWithCase extends Session {
  case: { orgId: string; clientId: string; counsellorId: string | null; status: string };
}

/** The session a session button names, with its case; null for one that no longer exists. */
export async function sessionWithCase(tx: Tx, appointmentId: string): Promise<SessionWithCase | null> {
  return tx.appointment.findUnique({
    where: { id: appointmentId },
    select: { ...sessionFields, case: { select: { clientId: true, counsellorId: true, status: true, orgId: true } } },
  });
}

/**
 * Marks a session to be cancelled (by the client or the counsellor) and withdraws any offer to move it; the
 * scheduler cancels the calendar event and tells both sides after the commit.
 */
export async function cancelSession(tx: Tx, p: { appointmentId: string; by: "client" | "counsellor"; at: Date }): Promise<void> {
  await tx.appointment.update({ where: { id: p.appointmentId }, data: { status: `cancelling:${p.by}`, updatedAt: p.at } });
  await withdrawOffersToMove(tx, p.appointmentId);
}

/** The case's booked session that starts last, or null. */
export async function bookedSessionOf(tx: Tx, caseId: string): Promise<Session | null> {
  return tx.appointment.findFirst({ where: { caseId, status: "booked" }, orderBy: { startsAt: "desc" }, select: sessionFields });
}

/** Sets the meeting link of a session (added by hand) and bumps its invitation's sequence; returns the session as changed. */
export async function setSessionLink(tx: Tx, p: { appointmentId: string; url: string }): Promise<Session> {
  return tx.appointment.update({ where: { id: p.appointmentId }, data: { meetUrl: p.url, sequence: { increment: 1 } }, select: sessionFields });
}
