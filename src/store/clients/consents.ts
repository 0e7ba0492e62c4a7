// A client's consent: what they agreed to (the text's version), when and on which channel. Withdrawing it is
// how a client asks for their data to be erased (the head of the unit confirms: src/store/erasure.ts).
import { recordAudit } from "../auditTrail.ts";
import type { Tx } from "../database.ts";

interface ConsentFacts {
  channel: string;
  orgId: string;
  /** The version of the consent text the client was shown. */
  textVersion: string;
  at: Date;
}

/** Records that a client consented (and audits it): the same whether they answered in a chat or on a form. */
export async function recordClientConsent(tx: Tx, p: ConsentFacts & { personId: string }): Promise<void> {
  await tx.consent.create({ data: { personId: p.personId, channel: p.channel, textVersion: p.textVersion, givenAt: p.at } });
  await recordAudit(tx, { type: "consent_given", at: p.at, actorId: p.personId, data: { channel: p.channel, textVersion: p.textVersion, orgId: p.orgId } });
}

/** Audits a refused consent: nothing about the person is kept, only that it happened and on which channel. */
export async function recordConsentRefused(tx: Tx, p: ConsentFacts): Promise<void> {
  await recordAudit(tx, { type: "consent_refused", at: p.at, data: { channel: p.channel, textVersion: p.textVersion, orgId: p.orgId } });
}

/** Withdraws every consent the client still has in force (an erasure request). */
export async function withdrawConsent(tx: Tx, p: { personId: string; at: Date }): Promise<void> {
  await tx.consent.updateMany({ where: { personId: p.personId, withdrawnAt: null }, data: { withdrawnAt: p.at } });
}

/** Whether the client ever withdrew a consent: an erasure may only be confirmed for someone who asked for it. */
export async function hasWithdrawnConsent(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.consent.findFirst({ where: { personId, withdrawnAt: { not: null } }, select: { id: true } })) !== null;
}
