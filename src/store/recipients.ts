// Who receives a notification: the people holding a role in an organisation, or a case's client.
import { CLIENT_ROLE } from "../flows/flowSchema.ts";
import type { Tx } from "./database.ts";
import { staffFilterFor } from "./demoPeople.ts";

export interface Recipient {
  personId: string;
  locale: string;
  identityId: string;
  channel: string;
  address: string;
}

/** Every reachable chat handle of these people (erased people and blocked handles left out). */
export async function identitiesOf(tx: Tx, personIds: string[]): Promise<Recipient[]> {
  if (personIds.length === 0) return [];
  const people = await tx.person.findMany({
    where: { id: { in: personIds }, erasedAt: null },
    include: { identities: { where: { blockedAt: null }, orderBy: { createdAt: "asc" } } },
  });
  return people.flatMap((p) => p.identities.map((i) => ({ personId: p.id, locale: p.locale, identityId: i.id, channel: i.channel, address: i.address })));
}

/** Everyone who should hear about a step for `role` on a case (the assigned counsellor only, for konselor). */
export async function recipientsForRole(tx: Tx, p: { orgId: string; role: string; clientId: string; counsellorId: string | null }): Promise<Recipient[]> {
  if (p.role === CLIENT_ROLE) return identitiesOf(tx, [p.clientId]);
  if (p.role === "konselor" && p.counsellorId) return identitiesOf(tx, [p.counsellorId]);
  return identitiesOf(tx, await roleHolders(tx, { orgId: p.orgId, roles: [p.role], forClientId: p.clientId }));
}

/**
 * The people holding any of `roles` in an organisation (only those available, when asked), each once. Demo
 * people (local mode) only when the work is about a demo client, `forClientId` (src/store/demoPeople.ts).
 */
export async function roleHolders(tx: Tx, p: { orgId: string; roles: string[]; onlyAvailable?: boolean; forClientId?: string | null }): Promise<string[]> {
  const person = await staffFilterFor(tx, p.forClientId);
  const rows = await tx.staffRole.findMany({
    where: { orgId: p.orgId, role: { in: p.roles }, ...(p.onlyAvailable ? { available: true } : {}), person },
    select: { personId: true },
  });
  return [...new Set(rows.map((r) => r.personId))];
}
