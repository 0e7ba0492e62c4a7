// A case's step runs as the conversations need them: the step the case waits on now, a run a button
// names (with its case), and the note written last time on a step that is being written again.
import type { Tx } from "../database.ts";
import { caseSummaryFields, type CaseSummary } from "./caseSummaries.ts";

/** The run of the step a case waits on (its deadline), or null when nothing is open. */
export interface OpenStepRun {
  id: string;
  stepId: string;
  deadlineAt: Date;
}

/** The open step run of a case (the latest asked, should there be more than one), or null. */
export async function currentStepRun(tx: Tx, caseId: string): Promise<OpenStepRun | null> {
  return tx.stepRun.findFirst({ where: { caseId, actedAt: null }, orderBy: { askedAt: "desc" }, select: { id: true, stepId: true, deadlineAt: true } });
}

/** A step run with its case and the name of whoever did it (a late press is told who handled the step). */
export interface StepRunOnCase {
  id: string;
  caseId: string;
  stepId: string;
  actedAt: Date | null;
  actedByName: string | null;
  case: CaseSummary;
}

/** The step run a button names, with its case; null for an id that names none. */
export async function stepRunOnCase(tx: Tx, stepRunId: string): Promise<StepRunOnCase | null> {
  const run = await tx.stepRun.findUnique({
    where: { id: stepRunId },
    select: { id: true, caseId: true, stepId: true, actedAt: true, actedBy: { select: { displayName: true } }, case: { select: caseSummaryFields } },
  });
  if (!run) return null;
  const { actedBy, ...rest } = run;
  return { ...rest, actedByName: actedBy?.displayName ?? null };
}

/** The note of the last time this step of the case was done with one (a returned plan or report), or null. */
export async function lastNoteOfStep(tx: Tx, p: { caseId: string; stepId: string }): Promise<string | null> {
  const run = await tx.stepRun.findFirst({
    where: { caseId: p.caseId, stepId: p.stepId, actedAt: { not: null }, note: { not: null } },
    orderBy: { actedAt: "desc" },
    select: { note: true },
  });
  return run?.note ?? null;
}
