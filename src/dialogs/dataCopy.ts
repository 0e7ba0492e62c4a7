// /datasaya: a client asks for a copy of what the service keeps about them (UU 27/2022). The reply carries the copy
// as a PDF, made from their records when it is sent (src/app/personalDataCopy.ts): nothing of it is stored, and it
// goes only to the chat that asked, which is theirs.
import { dataRightsTextsFor } from "../i18n/dataRights.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";

/** Answers /datasaya with the copy (or says nothing is kept about someone unknown). */
export async function sendDataCopy(turn: Turn): Promise<void> {
  const t = dataRightsTextsFor(localeOf(turn));
  const personId = turn.sender?.kind === "client" ? turn.sender.personId : null;
  if (!personId) return reply(turn, textMessage(t.copyNothing));
  await recordAudit(turn.tx, { type: "data_copy_requested", at: turn.now, actorId: personId, data: { channel: turn.msg.channel } });
  await reply(
    turn,
    textMessage(t.copyCaption, {
      attachments: [{ kind: "document", ref: `datasaya:${personId}`, name: "salinan-data-pribadi.pdf", mimeType: "application/pdf" }],
    }),
  );
}
