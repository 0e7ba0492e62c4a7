// A chat whose stored conversation state cannot be read (corrupt, or saved by a newer release) starts again:
// the state is logged by ids only and removed, the person is told politely, and the message is not taken as an
// answer to a question nobody can see any more.
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { endDialog, readDialog } from "./savedDialogs.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";

/** Restarts the sender's conversation when its stored state fails the check; true when it did (the message is then handled). */
export async function restartUnreadableDialog(turn: Turn): Promise<boolean> {
  const { channel, address } = turn.msg;
  const read = await readDialog(turn.tx, channel, address);
  if (!read || read.readable) return false;
  // Ids and the reason only: the state itself may hold a complaint or an NPP.
  const facts = { dialogStateId: read.rowId, channel, dialog: read.dialog, reason: read.reason, savedVersion: read.savedVersion, issues: read.issues };
  turn.deps.log.warn(facts, "stored dialog state unreadable: conversation restarted");
  await recordAudit(turn.tx, { type: "dialog_state_unreadable", at: turn.now, actorId: turn.sender?.personId, data: facts });
  await endDialog(turn.tx, channel, address);
  const text = messagesFor(localeOf(turn)).errors.conversationRestarted;
  turn.toast = text;
  await reply(turn, textMessage(text));
  return true;
}
