// The clock on a withdrawal of consent (UU 27/2022: acted on within 3×24 hours). Whoever confirms an erasure saw the
// deadline in their request; when it is still unconfirmed ERASURE_ESCALATE_HOURS after the request, they are reminded
// and whom they answer to (the organisation's escalation map) and ADMIN_CONTACTS are told, once, before it runs out.
import { escalationTarget } from "../core/advanceCase.ts";
import { erasureConfirmerRoles, erasureDueAt, erasureEscalatesAt } from "../core/dataProtection.ts";
import { formatLocal } from "../core/workingTime.ts";
import { buttonAction } from "../dialogs/buttonActions.ts";
import type { LoadedFlows } from "../flows/loadFlows.ts";
import { dataRightsTextsFor } from "../i18n/dataRights.ts";
import { messagesFor } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { erasureEscalated, pendingErasures } from "../store/clients/erasureRequests.ts";
import type { Prisma } from "../store/database.ts";
import { queueToPerson } from "../store/outbox/index.ts";
import { personLocales } from "../store/people.ts";
import { roleHolders } from "../store/recipients.ts";

export interface ErasureClockDeps {
  prisma: Prisma;
  flows: LoadedFlows;
  defaultOrgId: string | undefined;
  escalateAfterHours: number;
  alertAdmins: AlertAdmins;
}

/** Escalates every erasure request past its escalation time and not escalated yet; returns how many were. */
export async function escalateDueErasures(d: ErasureClockDeps, now: Date): Promise<number> {
  const due = (await pendingErasures(d.prisma, { before: now })).filter(
    (e) => erasureEscalatesAt(e.requestedAt, d.escalateAfterHours).getTime() <= now.getTime(),
  );
  let escalated = 0;
  for (const e of due) {
    if (await erasureEscalated(d.prisma, e.personId)) continue;
    const orgs = d.flows.organisations;
    const org = orgs.get(e.latestCase?.orgId ?? e.orgId ?? d.defaultOrgId ?? "") ?? orgs.values().next().value;
    if (!org) continue;
    const confirmers = erasureConfirmerRoles(org);
    const above = confirmers.map((r) => escalationTarget(r, org)).filter((r): r is string => !!r && !confirmers.includes(r));
    const dueAt = erasureDueAt(e.requestedAt);
    const ref = e.personId.slice(-6);
    await d.prisma.$transaction(async (tx) => {
      const confirming = await roleHolders(tx, { orgId: org.id, roles: confirmers });
      const chiefs = (await roleHolders(tx, { orgId: org.id, roles: above })).filter((id) => !confirming.includes(id));
      for (const person of await personLocales(tx, [...confirming, ...chiefs])) {
        const locale = person.locale === "en" ? "en" : "id";
        const hoursLeft = Math.max(0, Math.floor((dueAt.getTime() - now.getTime()) / 3600_000));
        const t = dataRightsTextsFor(locale);
        const text = t.erasureEscalated({ caseNo: e.latestCase?.number, ref, deadline: formatLocal(dueAt, org.calendar, locale), left: t.hours(hoursLeft) });
        const buttons = confirming.includes(person.id)
          ? [{ label: messagesFor(locale).erasure.confirmButton, action: buttonAction.confirmErasure(e.personId) }]
          : [];
        await queueToPerson(tx, { personId: person.id, aboutPersonId: e.personId, message: textMessage(text, { caseNo: e.latestCase?.number, buttons }) });
      }
      await recordAudit(tx, {
        type: "erasure_escalated",
        at: now,
        actorId: e.personId,
        data: { dueAt: dueAt.toISOString(), confirmers: confirming.length, above: chiefs.length },
      });
    });
    await d.alertAdmins({
      key: `erasure-due:${e.personId}`,
      text: `An erasure request (client ref ${ref}${e.latestCase ? `, case #${e.latestCase.number}` : ""}) is not confirmed yet; it is due ${dueAt.toISOString()} (3×24 hours after the request, UU 27/2022).`,
    });
    escalated++;
  }
  return escalated;
}

/** Checks the erasure clock every `everyMs` (and now); returns a stop function. */
export function startErasureClock(d: ErasureClockDeps & { clock: () => Date; log: Logger; everyMs: number; afterQueue?: () => void }): () => void {
  const check = async () => {
    try {
      if ((await escalateDueErasures(d, d.clock())) > 0) d.afterQueue?.();
    } catch (error) {
      d.log.error({ err: (error as Error).message }, "checking the erasure clock failed; it runs again");
    }
  };
  const timer = setInterval(() => void check(), d.everyMs);
  timer.unref();
  void check();
  return () => clearInterval(timer);
}
