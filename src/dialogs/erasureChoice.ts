// The head of the unit confirms a client's erasure request (a confirm_erasure button pressed): open cases are
// cancelled and their waiting steps closed (every copy of their tasks retired, buttons included), the client's
// personal data erased (src/store/erasure.ts), and the client told — once.
import { may } from "../core/policy.ts";
import { dataRightsTextsFor } from "../i18n/dataRights.ts";
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { applyCaseEventInTx } from "../store/caseRepository.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { closeWaitingSteps } from "../store/cancelledSteps.ts";
import { openCasesOfClient } from "../store/cases/clientCases.ts";
import { hasWithdrawnConsent } from "../store/clients/consents.ts";
import { clientToErase, eraseClient } from "../store/erasure.ts";
import { queueErasureNotice } from "../store/outbox/erasureNotices.ts";
import { retireStepTasks } from "../store/outbox/retireStepTasks.ts";
import type { ChoiceAction } from "./buttonActions.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";

/** Handles an erasure confirmation. */
export async function handleErasureChoice(turn: Turn, choice: Extract<ChoiceAction, { kind: "confirm_erasure" }>): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const client = await clientToErase(turn.tx, choice.personId);
  const requested = client ? await hasWithdrawnConsent(turn.tx, client.id) : false;
  const orgId = client?.orgId ?? turn.deps.settings.defaultOrgId;
  const allowed = may({ subject: { personId: turn.sender?.personId ?? null, roles: turn.sender?.roles ?? [] }, action: "client.confirmErasure", orgId });
  if (!client || client.erasedAt || !requested) {
    turn.toast = t.erasure.alreadyDone;
    return reply(turn, textMessage(t.erasure.alreadyDone));
  }
  if (!allowed) {
    await recordAudit(turn.tx, { type: "erasure_refused", at: turn.now, actorId: turn.sender?.personId, data: { why: "not_head_of_unit" } });
    turn.toast = t.staff.notYourRole;
    return reply(turn, textMessage(t.staff.notYourRole));
  }
  const open = await openCasesOfClient(turn.tx, client.id);
  const actor = { personId: turn.sender!.personId, roles: turn.sender!.roles.filter((r) => r.orgId === orgId).map((r) => r.role) };
  for (const c of open) {
    await applyCaseEventInTx(turn.tx, turn.deps.flowContext(c.flowId), c.id, { type: "cancel", actor, reason: "erasure", at: turn.now }, { quietClient: true });
  }
  const closed = await closeWaitingSteps(turn.tx, { caseIds: open.map((c) => c.id), at: turn.now });
  const result = await eraseClient(turn.tx, { personId: client.id, now: turn.now });
  for (const c of closed) await retireStepTasks(turn.tx, { ...c, line: (locale) => dataRightsTextsFor(locale).taskRetired({ caseNo: c.caseNo }) });
  // Told last, so the notice is the one thing left addressed to them.
  const tc = messagesFor(client.locale);
  for (const h of client.handles)
    await queueErasureNotice(turn.tx, {
      personId: client.id,
      channel: h.channel,
      address: h.address,
      message: textMessage(tc.erasure.doneClient),
      hashKey: turn.deps.hashKey,
    });
  await recordAudit(turn.tx, {
    type: "erasure_confirmed",
    at: turn.now,
    actorId: turn.sender!.personId,
    data: { cases: result.cases, cancelled: open.length },
  });
  turn.toast = t.erasure.doneLeader({ cases: result.cases });
  await reply(turn, textMessage(t.erasure.doneLeader({ cases: result.cases })));
}
