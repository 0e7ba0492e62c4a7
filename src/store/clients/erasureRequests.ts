// Erasure requests still waiting for their confirmation: a client withdrew consent (src/store/clients/consents.ts)
// and has not been erased yet. The request dates from the first withdrawal; its clock runs from there.
import type { Prisma } from "../database.ts";

/** A client waiting for their erasure to be confirmed. */
export interface PendingErasure {
  personId: string;
  requestedAt: Date;
  orgId: string | null;
  /** Their latest case (number and organisation), when they have one. */
  latestCase: { number: number; orgId: string } | null;
}

/** Every client whose withdrawal of consent is not acted on yet, requested before `before`. */
export async function pendingErasures(prisma: Prisma, p: { before: Date }): Promise<PendingErasure[]> {
  const withdrawn = await prisma.consent.groupBy({ by: ["personId"], where: { withdrawnAt: { not: null, lte: p.before } }, _min: { withdrawnAt: true } });
  if (withdrawn.length === 0) return [];
  const people = await prisma.person.findMany({
    where: { id: { in: withdrawn.map((w) => w.personId) }, erasedAt: null },
    select: { id: true, orgId: true, casesAsClient: { orderBy: { openedAt: "desc" }, take: 1, select: { number: true, orgId: true } } },
  });
  const since = new Map(withdrawn.map((w) => [w.personId, w._min.withdrawnAt!]));
  return people.map((person) => ({
    personId: person.id,
    requestedAt: since.get(person.id)!,
    orgId: person.orgId,
    latestCase: person.casesAsClient[0] ?? null,
  }));
}

/** Whether this erasure request was escalated already (once is enough: the audit trail says so). */
export async function erasureEscalated(prisma: Prisma, personId: string): Promise<boolean> {
  return (await prisma.auditEvent.count({ where: { type: "erasure_escalated", actorId: personId } })) > 0;
}
