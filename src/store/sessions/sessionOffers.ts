// Session times offered to a client: the client picks one (or asks for other times) with a button, and
// moving a booked session opens a new offer. The session scheduler finds the times and books the chosen one
// after the chat's transaction commits (src/scheduling/sessionScheduler.ts).
import type { Tx } from "../database.ts";

/** The statuses of an offer still in play: times to find, times shown, a time being booked. */
const OPEN_OFFER_STATUSES = ["pending", "offered", "booking"];

/** What a pressed slot button is checked against. */
export interface SessionOfferRef {
  id: string;
  caseId: string;
  status: string;
}

/** The offer a slot button names, or null. */
export async function sessionOfferById(tx: Tx, offerId: string): Promise<SessionOfferRef | null> {
  return tx.sessionOffer.findUnique({ where: { id: offerId }, select: { id: true, caseId: true, status: true } });
}

/** The client chose the offer's `index`th time: the scheduler books it. False when the offer is no longer shown (a second press). */
export async function chooseOfferedSlot(tx: Tx, p: { offerId: string; index: number; at: Date }): Promise<boolean> {
  const changed = await tx.sessionOffer.updateMany({
    where: { id: p.offerId, status: "offered" },
    data: { status: "booking", chosen: p.index, nextAttemptAt: p.at },
  });
  return changed.count === 1;
}

/** The client asked for other times: the scheduler looks one page further. False when the offer is no longer shown. */
export async function askForMoreSlots(tx: Tx, p: { offerId: string; at: Date }): Promise<boolean> {
  const changed = await tx.sessionOffer.updateMany({
    where: { id: p.offerId, status: "offered" },
    data: { status: "pending", page: { increment: 1 }, nextAttemptAt: p.at },
  });
  return changed.count === 1;
}

/** Asks the scheduler for new times for a booked session, unless an offer to move it is already in play. */
export async function offerToMoveSession(
  tx: Tx,
  p: { appointment: { id: string; caseId: string; stepRunId: string | null; counsellorId: string }; requestedBy: "client" | "counsellor"; at: Date },
): Promise<void> {
  const open = await tx.sessionOffer.findFirst({ where: { appointmentId: p.appointment.id, status: { in: OPEN_OFFER_STATUSES } }, select: { id: true } });
  if (open) return;
  const a = p.appointment;
  await tx.sessionOffer.create({
    data: {
      caseId: a.caseId,
      stepRunId: a.stepRunId,
      counsellorId: a.counsellorId,
      status: "pending",
      appointmentId: a.id,
      requestedBy: p.requestedBy,
      nextAttemptAt: p.at,
    },
  });
}

/** Withdraws every offer to move a session that is still in play (the session is being cancelled). */
export async function withdrawOffersToMove(tx: Tx, appointmentId: string): Promise<void> {
  await tx.sessionOffer.updateMany({ where: { appointmentId, status: { in: OPEN_OFFER_STATUSES } }, data: { status: "withdrawn" } });
}
