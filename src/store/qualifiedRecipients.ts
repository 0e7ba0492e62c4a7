// Routing by Kualifikasi Pelaksana: a step that requires a qualification goes only to people holding one of them.
// For a counsellor's step that is the case's counsellor when they hold one, else the organisation's counsellors who
// do (one of them may then record it: src/core/policy.ts); for any other role, the role's holders who hold one.
// Roles that only record an outside party's work for it are routed as before.
import { requiredQualifications } from "../flows/qualifications.ts";
import { CLIENT_ROLE, type Step } from "../flows/flowSchema.ts";
import { COUNSELLOR_ROLE } from "./counsellorRouting.ts";
import type { Tx } from "./database.ts";
import { identitiesOf, recipientsForRole, roleHolders, type Recipient } from "./recipients.ts";
import { holdersOfAny } from "./staffQualifications.ts";

/** Who gets a step's task for `role` on a case: recipientsForRole, narrowed to holders of a qualification the step requires. */
export async function recipientsForStepRole(
  tx: Tx,
  p: { orgId: string; role: string; clientId: string; counsellorId: string | null; step: Pick<Step, "role" | "requires_qualification"> | undefined },
): Promise<Recipient[]> {
  const required = p.step && p.role === p.step.role ? requiredQualifications(p.step) : [];
  if (required.length === 0 || p.role === CLIENT_ROLE) return recipientsForRole(tx, p);
  const qualified = (personIds: string[]) => holdersOfAny(tx, { personIds, orgId: p.orgId, qualifications: required });
  // A qualified counsellor keeps their case's step (even while unreachable, as recipientsForRole would).
  if (p.role === COUNSELLOR_ROLE && p.counsellorId && (await qualified([p.counsellorId])).length > 0) return identitiesOf(tx, [p.counsellorId]);
  return identitiesOf(tx, await qualified(await roleHolders(tx, { orgId: p.orgId, roles: [p.role], forClientId: p.clientId })));
}
