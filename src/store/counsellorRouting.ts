// Which counsellor a new case goes to: a returning client keeps their counsellor; otherwise the available,
// linked counsellor with the fewest open cases (ties: the one who was given a case least recently).
import type { Tx } from "./database.ts";

export const COUNSELLOR_ROLE = "konselor";

/** The counsellor for a new case of `clientId` in `orgId`, or null when no counsellor is linked and available. */
export async function pickCounsellor(tx: Tx, p: { orgId: string; clientId: string }): Promise<string | null> {
  const candidates = await tx.staffRole.findMany({
    where: { orgId: p.orgId, role: COUNSELLOR_ROLE, available: true, person: { erasedAt: null, identities: { some: { blockedAt: null } } } },
    select: { personId: true },
  });
  const ids = [...new Set(candidates.map((c) => c.personId))];
  if (ids.length === 0) return null;

  const previous = await tx.case.findFirst({
    where: { clientId: p.clientId, orgId: p.orgId, counsellorId: { in: ids } },
    orderBy: { openedAt: "desc" },
    select: { counsellorId: true },
  });
  if (previous?.counsellorId) return previous.counsellorId;

  const load = await Promise.all(
    ids.map(async (id) => ({
      id,
      open: await tx.case.count({ where: { counsellorId: id, status: "open" } }),
      last: (await tx.case.findFirst({ where: { counsellorId: id }, orderBy: { openedAt: "desc" }, select: { openedAt: true } }))?.openedAt.getTime() ?? 0,
    })),
  );
  load.sort((a, b) => a.open - b.open || a.last - b.last || a.id.localeCompare(b.id));
  return load[0]!.id;
}
