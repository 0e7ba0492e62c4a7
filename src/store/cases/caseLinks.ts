// Keterkaitan between cases: a case opened by a hand-over names the case it continues (Case.linkedFromId), and
// each of the two shows the other, in chat (/kasus), on the dashboard and at the command line; the recap counts
// the hand-overs per pair of SOPs.
import type { Tx } from "../database.ts";
import { caseSummaryFields, type CaseSummary } from "./caseSummaries.ts";

/** The other case of a link, as the lists show it (when it was opened) and the policy asks about it. */
export type LinkedCase = CaseSummary & { openedAt: Date };

/** What a case is linked to: the case it continues, and the cases handed over from it. */
export interface CaseLinks {
  from: LinkedCase | null;
  to: LinkedCase[];
}

const linkedFields = { ...caseSummaryFields, openedAt: true } as const;

/** The links of several cases at once (a case without any is absent from the map). */
export async function caseLinksOfMany(tx: Tx, caseIds: readonly string[]): Promise<Map<string, CaseLinks>> {
  const links = new Map<string, CaseLinks>();
  if (caseIds.length === 0) return links;
  const ids = [...new Set(caseIds)];
  const linkOf = (id: string) => links.get(id) ?? links.set(id, { from: null, to: [] }).get(id)!;
  const continuing = await tx.case.findMany({ where: { id: { in: ids }, linkedFromId: { not: null } }, select: { id: true, linkedFromId: true } });
  const sources = await tx.case.findMany({ where: { id: { in: continuing.map((c) => c.linkedFromId!) } }, select: linkedFields });
  for (const c of continuing) {
    const source = sources.find((s) => s.id === c.linkedFromId);
    if (source) linkOf(c.id).from = source;
  }
  const handedOver = await tx.case.findMany({
    where: { linkedFromId: { in: ids } },
    select: { ...linkedFields, linkedFromId: true },
    orderBy: [{ openedAt: "asc" }, { number: "asc" }],
  });
  for (const { linkedFromId, ...c } of handedOver) linkOf(linkedFromId!).to.push(c);
  return links;
}

/** The links of one case (none: from null and to empty). */
export async function caseLinksOf(tx: Tx, caseId: string): Promise<CaseLinks> {
  return (await caseLinksOfMany(tx, [caseId])).get(caseId) ?? { from: null, to: [] };
}

/** The case already handed over from `fromCaseId` to `flowId` (one not cancelled), or null. */
export async function handedOverTo(tx: Tx, p: { fromCaseId: string; flowId: string }): Promise<LinkedCase | null> {
  return tx.case.findFirst({
    where: { linkedFromId: p.fromCaseId, flowId: p.flowId, status: { not: "cancelled" } },
    select: linkedFields,
    orderBy: { openedAt: "asc" },
  });
}

/** One pair of SOPs in the recap: how many cases were handed over from one to the other, and how many still run. */
export interface HandOverCount {
  fromFlowId: string;
  toFlowId: string;
  count: number;
  open: number;
}

/** The hand-overs of an organisation, counted per pair of SOPs (source flow, then target flow). */
export async function handOverCounts(tx: Tx, orgId: string): Promise<HandOverCount[]> {
  const linked = await tx.case.findMany({ where: { orgId, linkedFromId: { not: null } }, select: { flowId: true, status: true, linkedFromId: true } });
  const sources = await tx.case.findMany({ where: { id: { in: [...new Set(linked.map((c) => c.linkedFromId!))] } }, select: { id: true, flowId: true } });
  const counts = new Map<string, HandOverCount>();
  for (const c of linked) {
    const fromFlowId = sources.find((s) => s.id === c.linkedFromId)?.flowId ?? "?";
    const key = `${fromFlowId}\u0000${c.flowId}`;
    const row = counts.get(key) ?? { fromFlowId, toFlowId: c.flowId, count: 0, open: 0 };
    row.count++;
    if (c.status === "open") row.open++;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => a.fromFlowId.localeCompare(b.fromFlowId) || a.toFlowId.localeCompare(b.toFlowId));
}
