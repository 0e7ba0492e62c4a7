// Erasure's part of the outbox: the text of erased messages goes, and what was not sent yet never will be;
// the rows stay (ids, times, status), so delivery counts do not change.
import type { Tx } from "../database.ts";
import { ERASED_PAYLOAD } from "./outboxPayload.ts";

/** Every message of one case. */
export async function eraseCaseMessages(tx: Tx, caseId: string): Promise<void> {
  await tx.outbox.updateMany({ where: { caseId }, data: { payloadJson: ERASED_PAYLOAD, lastError: null } });
  await tx.outbox.updateMany({ where: { caseId, status: { in: ["pending", "sending"] } }, data: { status: "dead", lastError: "erased" } });
}

/** Every message to one chat handle, the handle included. */
export async function eraseChatMessages(tx: Tx, chat: { channel: string; address: string }): Promise<void> {
  await tx.outbox.updateMany({
    where: { channel: chat.channel, address: chat.address, status: { in: ["pending", "sending"] } },
    data: { status: "dead", lastError: "erased" },
  });
  await tx.outbox.updateMany({ where: { channel: chat.channel, address: chat.address }, data: { address: "[dihapus]", payloadJson: ERASED_PAYLOAD } });
}

/** Every message to anyone else about this person (a crisis alert). */
export async function eraseMessagesAbout(tx: Tx, personId: string): Promise<void> {
  await tx.outbox.updateMany({ where: { aboutPersonId: personId }, data: { payloadJson: ERASED_PAYLOAD } });
}
