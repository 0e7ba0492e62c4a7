// A case as the conversations see it: its number, organisation, flow, where it stands and who it is between.
// Never its intake (the complaint stays in the case row, read only by whoever renders its documents).
import type { Tx } from "../database.ts";

export interface CaseSummary {
  id: string;
  number: number;
  orgId: string;
  flowId: string;
  status: string;
  clientId: string;
  counsellorId: string | null;
  currentStepId: string | null;
  closedAt: Date | null;
}

/** The columns of a CaseSummary, for queries that read one. */
export const caseSummaryFields = {
  id: true,
  number: true,
  orgId: true,
  flowId: true,
  status: true,
  clientId: true,
  counsellorId: true,
  currentStepId: true,
  closedAt: true,
} as const;

/** The case with this id, or null. */
export async function caseById(tx: Tx, caseId: string): Promise<CaseSummary | null> {
  return tx.case.findUnique({ where: { id: caseId }, select: caseSummaryFields });
}

/** The case people call by this number ("Kasus #12"), or null. */
export async function caseByNumber(tx: Tx, caseNo: number): Promise<CaseSummary | null> {
  return tx.case.findUnique({ where: { number: caseNo }, select: caseSummaryFields });
}
