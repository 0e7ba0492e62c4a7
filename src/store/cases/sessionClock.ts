// A session was booked, moved or cancelled: the case's waiting step, when its clock starts at the session's end
// (clock_from: session_end), moves its deadline (src/core/advanceCase.ts, event session_changed).
import type { FlowContext } from "../../flows/flowSchema.ts";
import type { Tx } from "../database.ts";
import { latestSessionEnd } from "../sessions/appointments.ts";
import { applyCaseEventInTx } from "./caseSnapshots.ts";

/** Tells the engine where the case's sessions now end; an open case's session-anchored step moves its deadline. */
export async function reanchorToSession(tx: Tx, ctx: FlowContext, caseId: string, at: Date): Promise<void> {
  const c = await tx.case.findUnique({ where: { id: caseId }, select: { status: true } });
  if (c?.status !== "open") return;
  await applyCaseEventInTx(tx, ctx, caseId, { type: "session_changed", sessionEndsAt: await latestSessionEnd(tx, caseId), at });
}
