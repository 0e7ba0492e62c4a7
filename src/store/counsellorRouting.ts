// Which counsellor a new case goes to: a returning client keeps their counsellor; otherwise the available,
// linked counsellor with the fewest open cases (ties: the one who was given a case least recently). A real
// client's case never goes to a demo counsellor (src/store/demoPeople.ts).
import { meetsRequirement } from "../flows/qualifications.ts";
import type { Tx } from "./database.ts";
import { staffFilterFor } from "./demoPeople.ts";
import { qualificationsOfPeople } from "./staffQualifications.ts";

export const COUNSELLOR_ROLE = "konselor";

/**
 * The counsellor for a new case of `clientId` in `orgId`, or null when no counsellor is linked and available. When the
 * flow's counsellor steps require qualifications (`qualifiedFor`: each a list of which any one will do), those who
 * meet them all come first; nobody meeting them, any available counsellor (a qualified one then does those steps).
 */
export async function pickCounsellor(tx: Tx, p: { orgId: string; clientId: string; qualifiedFor?: readonly (readonly string[])[] }): Promise<string | null> {
  const candidates = await tx.staffRole.findMany({
    where: {
      orgId: p.orgId,
      role: COUNSELLOR_ROLE,
      available: true,
      person: { erasedAt: null, identities: { some: { blockedAt: null } }, ...(await staffFilterFor(tx, p.clientId)) },
    },
    select: { personId: true },
  });
  const available = [...new Set(candidates.map((c) => c.personId))];
  const held = await qualificationsOfPeople(tx, { personIds: available, orgId: p.orgId });
  const qualified = available.filter((id) => (p.qualifiedFor ?? []).every((required) => meetsRequirement(held.get(id), required)));
  const ids = qualified.length > 0 ? qualified : available;
  if (ids.length === 0) return null;

  const previous = await tx.case.findFirst({
    where: { clientId: p.clientId, orgId: p.orgId, counsellorId: { in: ids } },
    orderBy: { openedAt: "desc" },
    select: { counsellorId: true },
  });
  if (previous?.counsellorId) return previous.counsellorId;

  // Two grouped queries, whatever the number of counsellors (this runs inside the Kirim transaction).
  const [openCounts, lastOpened] = await Promise.all([
    tx.case.groupBy({ by: ["counsellorId"], where: { counsellorId: { in: ids }, status: "open" }, _count: { _all: true } }),
    tx.case.groupBy({ by: ["counsellorId"], where: { counsellorId: { in: ids } }, _max: { openedAt: true } }),
  ]);
  const open = new Map(openCounts.map((r) => [r.counsellorId, r._count._all]));
  const last = new Map(lastOpened.map((r) => [r.counsellorId, r._max.openedAt?.getTime() ?? 0]));
  const load = ids.map((id) => ({ id, open: open.get(id) ?? 0, last: last.get(id) ?? 0 }));
  load.sort((a, b) => a.open - b.open || a.last - b.last || a.id.localeCompare(b.id));
  return load[0]!.id;
}

/** Makes a staff member the case's counsellor (a konselor who takes an unassigned case by acting on it). */
export async function assignCounsellor(tx: Tx, p: { caseId: string; counsellorId: string }): Promise<void> {
  await tx.case.update({ where: { id: p.caseId }, data: { counsellorId: p.counsellorId } });
}

/** Whether a counsellor takes new cases (/tersedia, /tidaktersedia), in every organisation they counsel in. */
export async function setCounsellorAvailability(tx: Tx, p: { personId: string; available: boolean }): Promise<void> {
  await tx.staffRole.updateMany({ where: { personId: p.personId, role: COUNSELLOR_ROLE }, data: { available: p.available } });
}
