// A crisis phrase in a client's message: the assigned (or on-duty) counsellor and the organisation's crisis
// roles (the Kepala Unit) are alerted at once, and the client is given the hotline — whatever the case's
// step, without interrupting the conversation the client is in. The alerts and the hotline are urgent: they
// go out before anything else waiting for the same chat (a burst of relayed messages, say).
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { COUNSELLOR_ROLE } from "../store/counsellorRouting.ts";
import { queueToPerson } from "../store/outbox/index.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { personLocales } from "../store/people.ts";
import { roleHolders } from "../store/recipients.ts";
import { reply, localeOf, type Turn } from "./dialogContext.ts";
import { buttonAction } from "./buttonActions.ts";

interface CrisisInput {
  phrase: string;
  clientId: string;
  orgId: string;
  text: string;
  caseId?: string;
  caseNo?: number;
  counsellorId?: string | null;
  /** The client's registration is paused: the counsellors may resume it with a button on the alert. */
  registrationHeld?: boolean;
}

/** People to alert: the case's counsellor, else the available counsellors (else all of them); plus the crisis roles. */
async function alertees(turn: Turn, p: CrisisInput): Promise<{ counsellors: string[]; leaders: string[] }> {
  const org = turn.deps.flows.organisations.get(p.orgId);
  const holders = (roles: string[], onlyAvailable: boolean) => roleHolders(turn.tx, { orgId: p.orgId, roles, onlyAvailable, forClientId: p.clientId });
  let counsellors = p.counsellorId ? [p.counsellorId] : await holders([COUNSELLOR_ROLE], true);
  if (counsellors.length === 0) counsellors = await holders([COUNSELLOR_ROLE], false);
  const leaders = (await holders(org?.crisisRoles ?? [], false)).filter((id) => !counsellors.includes(id));
  return { counsellors: [...new Set(counsellors)], leaders: [...new Set(leaders)] };
}

/** Alerts the counsellor(s) and the crisis roles, audits it, and gives the client the hotline; returns the counsellors alerted. */
export async function raiseCrisisAlert(turn: Turn, p: CrisisInput): Promise<{ counsellors: string[] }> {
  const { counsellors, leaders } = await alertees(turn, p);
  const people = await personLocales(turn.tx, [...counsellors, ...leaders]);
  const localeOf_ = (id: string) => people.find((x) => x.id === id)?.locale;
  let reached = 0;
  for (const id of counsellors) {
    const t = messagesFor(localeOf_(id));
    reached += await queueToPerson(turn.tx, {
      personId: id,
      urgent: true,
      caseId: p.caseId ?? null,
      aboutPersonId: p.clientId,
      message: textMessage(
        p.registrationHeld
          ? `${t.crisis.toCounsellor({ caseNo: p.caseNo ?? null, text: p.text })}\n\n${t.crisis.heldForCounsellor}`
          : t.crisis.toCounsellor({ caseNo: p.caseNo ?? null, text: p.text }),
        {
          caseNo: p.caseNo,
          buttons: p.registrationHeld ? [{ label: t.crisis.resumeForClientButton, action: buttonAction.resumeClientRegistration(p.clientId) }] : [],
        },
      ),
    });
  }
  for (const id of leaders) {
    const t = messagesFor(localeOf_(id));
    reached += await queueToPerson(turn.tx, {
      personId: id,
      urgent: true,
      caseId: p.caseId ?? null,
      aboutPersonId: p.clientId,
      message: textMessage(t.crisis.toLeader({ caseNo: p.caseNo ?? null }), { caseNo: p.caseNo }),
    });
  }
  await recordAudit(turn.tx, {
    type: "crisis_alert",
    at: turn.now,
    caseId: p.caseId,
    actorId: p.clientId,
    // The fact, not the words: the phrase is the client's own writing (and, unerased, says what they feared).
    data: { counsellors: counsellors.length, leaders: leaders.length, handles: reached },
  });
  await reply(turn, textMessage(messagesFor(localeOf(turn)).crisis.toClient({ hotline: turn.deps.settings.crisisHotline })), { urgent: true });
  return { counsellors };
}
