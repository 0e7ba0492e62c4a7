// The head of the unit confirms a client's erasure request (a confirm_erasure button pressed): open cases are
// cancelled, the client's personal data erased (src/store/erasure.ts), and the client told — once.
import { may } from "../core/policy.ts";
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { applyCaseEventInTx } from "../store/caseRepository.ts";
import { eraseClient } from "../store/erasure.ts";
import { queueMessage } from "../store/outbox/index.ts";
import type { ChoiceAction } from "./buttonActions.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";

/** Handles an erasure confirmation. */
export async function handleErasureChoice(turn: Turn, choice: Extract<ChoiceAction, { kind: "confirm_erasure" }>): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const client = await turn.tx.person.findUnique({ where: { id: choice.personId }, include: { identities: true } });
  const requested = client ? await turn.tx.consent.findFirst({ where: { personId: client.id, withdrawnAt: { not: null } } }) : null;
  const orgId = client?.orgId ?? turn.deps.settings.defaultOrgId;
  const allowed = may({ subject: { personId: turn.sender?.personId ?? null, roles: turn.sender?.roles ?? [] }, action: "client.confirmErasure", orgId });
  if (!client || client.erasedAt || !requested) {
    turn.toast = t.erasure.alreadyDone;
    return reply(turn, textMessage(t.erasure.alreadyDone));
  }
  if (!allowed) {
    await turn.tx.auditEvent.create({ data: { at: turn.now, type: "erasure_refused", actorId: turn.sender?.personId ?? null, dataJson: JSON.stringify({ why: "not_head_of_unit" }) } });
    turn.toast = t.staff.notYourRole;
    return reply(turn, textMessage(t.staff.notYourRole));
  }
  const open = await turn.tx.case.findMany({ where: { clientId: client.id, status: "open" }, select: { id: true, flowId: true } });
  const actor = { personId: turn.sender!.personId, roles: turn.sender!.roles.filter((r) => r.orgId === orgId).map((r) => r.role) };
  for (const c of open) {
    await applyCaseEventInTx(turn.tx, turn.deps.flowContext(c.flowId), c.id, { type: "cancel", actor, reason: "erasure", at: turn.now }, { quietClient: true });
  }
  const handles = client.identities.map((i) => ({ channel: i.channel, address: i.address }));
  const result = await eraseClient(turn.tx, { personId: client.id, now: turn.now });
  // Told last, so the notice is the one thing left addressed to them.
  const tc = messagesFor(client.locale);
  for (const h of handles) await queueMessage(turn.tx, { channel: h.channel, address: h.address, message: textMessage(tc.erasure.doneClient) });
  await turn.tx.auditEvent.create({ data: { at: turn.now, type: "erasure_confirmed", actorId: turn.sender!.personId, dataJson: JSON.stringify({ cases: result.cases, cancelled: open.length }) } });
  turn.toast = t.erasure.doneLeader({ cases: result.cases });
  await reply(turn, textMessage(t.erasure.doneLeader({ cases: result.cases })));
}
