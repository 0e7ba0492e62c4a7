// Kualifikasi Pelaksana held by staff: one row per person, organisation and qualification id (an id the
// organisation lists in flows/organisations.yaml). Read when a step that requires one is routed or recorded;
// written by the command line (`staff qualify`, `staff invite --qualification`).
import type { Tx } from "./database.ts";

/** The qualification ids a person holds in one organisation, in the order they were recorded. */
export async function qualificationsOf(tx: Tx, p: { personId: string; orgId: string }): Promise<string[]> {
  const rows = await tx.staffQualification.findMany({
    where: { personId: p.personId, orgId: p.orgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { qualification: true },
  });
  return rows.map((r) => r.qualification);
}

/** Each of these people's qualifications in one organisation (someone holding none is absent from the map). */
export async function qualificationsOfPeople(tx: Tx, p: { personIds: readonly string[]; orgId: string }): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  if (p.personIds.length === 0) return held;
  const rows = await tx.staffQualification.findMany({
    where: { personId: { in: [...new Set(p.personIds)] }, orgId: p.orgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { personId: true, qualification: true },
  });
  for (const r of rows) held.set(r.personId, [...(held.get(r.personId) ?? []), r.qualification]);
  return held;
}

/** Of these people, those who hold any of `qualifications` in the organisation. */
export async function holdersOfAny(tx: Tx, p: { personIds: readonly string[]; orgId: string; qualifications: readonly string[] }): Promise<string[]> {
  if (p.personIds.length === 0 || p.qualifications.length === 0) return [];
  const rows = await tx.staffQualification.findMany({
    where: { personId: { in: [...new Set(p.personIds)] }, orgId: p.orgId, qualification: { in: [...p.qualifications] } },
    select: { personId: true },
  });
  const holders = new Set(rows.map((r) => r.personId));
  return p.personIds.filter((id, i) => holders.has(id) && p.personIds.indexOf(id) === i);
}

/** Records that a person holds a qualification; false when it was recorded already. */
export async function grantQualification(tx: Tx, p: { personId: string; orgId: string; qualification: string; at: Date }): Promise<boolean> {
  const existing = await tx.staffQualification.findUnique({
    where: { personId_orgId_qualification: { personId: p.personId, orgId: p.orgId, qualification: p.qualification } },
  });
  if (existing) return false;
  await tx.staffQualification.create({ data: { personId: p.personId, orgId: p.orgId, qualification: p.qualification, createdAt: p.at } });
  return true;
}

/** Removes a qualification from a person; false when they did not hold it. */
export async function revokeQualification(tx: Tx, p: { personId: string; orgId: string; qualification: string }): Promise<boolean> {
  const removed = await tx.staffQualification.deleteMany({ where: { personId: p.personId, orgId: p.orgId, qualification: p.qualification } });
  return removed.count > 0;
}
