// A client's cases, as their conversation looks for them: the open one their message belongs to, the latest
// ones for /status, one archived recently enough that their counsellor still hears from them.
import type { Tx } from "../database.ts";
import { caseSummaryFields, type CaseSummary } from "./caseSummaries.ts";

/**
 * The client's open case: `preferredCaseId` (the case of the message they answered) when it is theirs and open,
 * else the one opened last; null when they have none open.
 */
export async function findOpenCaseOfClient(tx: Tx, p: { clientId: string; preferredCaseId?: string | null }): Promise<CaseSummary | null> {
  if (p.preferredCaseId) {
    const preferred = await tx.case.findFirst({ where: { id: p.preferredCaseId, clientId: p.clientId, status: "open" }, select: caseSummaryFields });
    if (preferred) return preferred;
  }
  return tx.case.findFirst({ where: { clientId: p.clientId, status: "open" }, orderBy: { openedAt: "desc" }, select: caseSummaryFields });
}

/** Every open case of the client (to cancel them all). */
export async function openCasesOfClient(tx: Tx, clientId: string): Promise<CaseSummary[]> {
  return tx.case.findMany({ where: { clientId, status: "open" }, select: caseSummaryFields });
}

/** The client's `limit` latest cases, whatever their status, newest first. */
export async function latestCasesOfClient(tx: Tx, p: { clientId: string; limit: number }): Promise<CaseSummary[]> {
  return tx.case.findMany({ where: { clientId: p.clientId }, orderBy: { openedAt: "desc" }, take: p.limit, select: caseSummaryFields });
}

/** The client's latest case, whatever its status, or null. */
export async function latestCaseOfClient(tx: Tx, clientId: string): Promise<CaseSummary | null> {
  return tx.case.findFirst({ where: { clientId }, orderBy: { openedAt: "desc" }, select: caseSummaryFields });
}

/** The client's case archived last, when it was archived at or after `since`; else null. */
export async function caseArchivedSince(tx: Tx, p: { clientId: string; since: Date }): Promise<CaseSummary | null> {
  return tx.case.findFirst({
    where: { clientId: p.clientId, status: "archived", closedAt: { gte: p.since } },
    orderBy: { closedAt: "desc" },
    select: caseSummaryFields,
  });
}
