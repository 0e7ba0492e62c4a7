// Messages between a client and their counsellor, through the bot: neither side sees the other's
// account. A client's message goes to the counsellor tagged with the case number; the counsellor answers
// by replying to any message of that case (or with /balas <no> <text>). A client's messages waiting for the
// same counsellor carry one batch key, so a burst goes out as few messages as the platform allows.
import type { Attachment } from "../channels/inboundMessage.ts";
import { messagesFor, type Messages } from "../i18n/index.ts";
import { textMessage, type OutboundAttachment } from "../notify/outboundMessage.ts";
import { assignCounsellor, COUNSELLOR_ROLE } from "../store/counsellorRouting.ts";
import { may } from "../core/policy.ts";
import { BATCH_KEYS, queueToPerson } from "../store/outbox/index.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { caseById } from "../store/cases/caseSummaries.ts";
import { personLocale, personLocales } from "../store/people.ts";
import { roleHolders } from "../store/recipients.ts";
import { staffMayServe } from "../store/demoPeople.ts";
import { answeredClientBefore, recordAnswerToClient, recordConversationMessage } from "../store/relayedMessages.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";

export interface CaseRef {
  id: string;
  number: number;
  orgId: string;
  status: string;
  clientId: string;
  counsellorId: string | null;
}

const asOutbound = (attachments: Attachment[]): OutboundAttachment[] =>
  attachments.map((a) => ({ kind: a.kind, ref: a.fileRef, name: a.name, mimeType: a.mimeType }));

/** A client's message as the counsellor sees it: marked when the channel could not confirm who sent it (unauthenticated email). */
function shownToCounsellor(t: Messages, turn: Turn, text: string): string {
  const body = text || t.relay.attachmentOnly;
  return turn.msg.unverifiedSender ? `${t.relay.unverifiedSender}\n${body}` : body;
}

/** Keeps a message of the conversation (encrypted at rest), on its case when there is one. */
export async function recordMessage(
  turn: Turn,
  p: { caseId: string | null; personId: string; direction: "in" | "out"; text: string; aboutPersonId?: string | null },
) {
  await recordConversationMessage(turn.tx, {
    ...p,
    channel: turn.msg.channel,
    text: p.text || null,
    attachments: turn.msg.attachments,
    platformId: turn.msg.platformId,
    at: turn.now,
  });
}

/** Passes a client's message on to the case's counsellor (or, with none assigned, the unit's staff). */
export async function relayFromClient(turn: Turn, c: CaseRef, options: { archived?: boolean } = {}): Promise<void> {
  const text = turn.msg.text.trim();
  await recordMessage(turn, { caseId: c.id, personId: c.clientId, direction: "in", text });
  const targets = c.counsellorId ? [c.counsellorId] : await roleHolders(turn.tx, { orgId: c.orgId, roles: [COUNSELLOR_ROLE, "staf"], forClientId: c.clientId });
  const people = await personLocales(turn.tx, targets);
  let reached = 0;
  for (const person of people) {
    const t = messagesFor(person.locale);
    reached += await queueToPerson(turn.tx, {
      personId: person.id,
      caseId: c.id,
      batchKey: BATCH_KEYS.relayOfCase(c.id),
      message: textMessage(
        (options.archived ? t.relay.toCounsellorArchived : t.relay.toCounsellor)({ caseNo: c.number, text: shownToCounsellor(t, turn, text) }),
        {
          caseNo: c.number,
          attachments: asOutbound(turn.msg.attachments),
        },
      ),
    });
  }
  if (reached === 0) {
    await recordAudit(turn.tx, { type: "no_recipient", at: turn.now, caseId: c.id, data: { role: COUNSELLOR_ROLE, effect: "relay" } });
    await reply(turn, textMessage(messagesFor(localeOf(turn)).relay.clientStored));
  }
}

/** Passes a client's message that has no case yet (after a crisis alert) to the counsellors alerted about them. */
export async function relayFromClientWithoutCase(turn: Turn, p: { clientId: string; counsellorIds: string[] }): Promise<void> {
  const text = turn.msg.text.trim();
  for (const id of p.counsellorIds) {
    const t = messagesFor(await personLocale(turn.tx, id));
    await queueToPerson(turn.tx, {
      personId: id,
      aboutPersonId: p.clientId,
      batchKey: BATCH_KEYS.relayAbout(p.clientId),
      message: textMessage(t.relay.toCounsellorNoCase({ text: shownToCounsellor(t, turn, text) }), { attachments: asOutbound(turn.msg.attachments) }),
    });
  }
}

/** Whether a closed case was archived recently enough that its client and counsellor still talk through the bot. */
async function stillRelayed(turn: Turn, caseId: string): Promise<boolean> {
  const days = turn.deps.settings.closedCaseRelayDays;
  const c = await caseById(turn.tx, caseId);
  return days > 0 && c?.status === "archived" && !!c.closedAt && turn.now.getTime() - c.closedAt.getTime() <= days * 86_400_000;
}

/**
 * A staff member's answer to a client: allowed for the case's counsellor (a konselor takes an unassigned case
 * by answering it); refused, and audited, for anyone else.
 */
export async function relayToClient(turn: Turn, target: { case: CaseRef | null; clientId: string; orgId: string | null }, text: string): Promise<void> {
  const sender = turn.sender!;
  const t = messagesFor(localeOf(turn));
  const c = target.case;
  const subject = { personId: sender.personId, roles: sender.roles };
  const allowed =
    (c
      ? may({ subject, action: "case.answerClient", case: c })
      : // A crisis alert before any case: a counsellor of the client's organisation may answer it.
        sender.roles.some((r) => r.role === COUNSELLOR_ROLE && (!target.orgId || r.orgId === target.orgId))) &&
    // A demo person (local mode) never answers, nor takes, a real client's case.
    (await staffMayServe(turn.tx, { staffId: sender.personId, clientId: target.clientId }));
  if (!allowed) {
    await recordAudit(turn.tx, { type: "relay_refused", at: turn.now, caseId: c?.id, actorId: sender.personId, data: { why: "not_counsellor" } });
    return reply(turn, textMessage(t.relay.notYourCase));
  }
  if (c && c.status !== "open" && !(await stillRelayed(turn, c.id))) return reply(turn, textMessage(t.relay.caseClosed({ caseNo: c.number })));
  if (c && !c.counsellorId && sender.roles.some((r) => r.role === COUNSELLOR_ROLE && r.orgId === c.orgId)) {
    await assignCounsellor(turn.tx, { caseId: c.id, counsellorId: sender.personId });
    await recordAudit(turn.tx, { type: "counsellor_assigned", at: turn.now, caseId: c.id, actorId: sender.personId, data: { by: "answer" } });
  }
  // Without a case, the answer is tied to its client, so it is erased with them.
  await recordMessage(turn, { caseId: c?.id ?? null, personId: sender.personId, direction: "out", text, aboutPersonId: c ? null : target.clientId });
  const tc = messagesFor(await personLocale(turn.tx, target.clientId));
  const body = text || tc.relay.attachmentOnly;
  const reached = await queueToPerson(turn.tx, {
    personId: target.clientId,
    caseId: c?.id ?? null,
    message: textMessage(c ? tc.relay.toClient({ caseNo: c.number, text: body }) : tc.relay.toClientNoCase({ text: body }), {
      caseNo: c?.number,
      attachments: asOutbound(turn.msg.attachments),
    }),
  });
  // Said once per case: after the first answer the counsellor knows answers go through; only a failure is said again.
  const answeredBefore = c ? await answeredClientBefore(turn.tx, { caseId: c.id, staffId: sender.personId }) : false;
  await recordAnswerToClient(turn.tx, { caseId: c?.id ?? null, staffId: sender.personId, handles: reached, at: turn.now });
  if (reached === 0) return reply(turn, textMessage(t.relay.notReached({ caseNo: c?.number ?? null })));
  if (!answeredBefore) await reply(turn, textMessage(t.relay.sent({ caseNo: c?.number ?? null })));
}
