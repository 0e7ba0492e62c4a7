// What waits for a staff member in chat (/kasus): the open steps of their roles, and where their own cases
// stand when someone else holds the step.
import type { Tx } from "../database.ts";

/** An open step run and the case it waits on. */
export interface WaitingStep {
  id: string;
  stepId: string;
  stepNo: string;
  role: string;
  deadlineAt: Date;
  case: { id: string; number: number; flowId: string; counsellorId: string | null };
}

const waitingFields = {
  id: true,
  stepId: true,
  stepNo: true,
  role: true,
  deadlineAt: true,
  case: { select: { id: true, number: true, flowId: true, counsellorId: true } },
} as const;

/** The open steps of open cases for any of these roles (each in its organisation), soonest deadline first. */
export async function stepsWaitingForRoles(tx: Tx, p: { roles: { orgId: string; role: string }[]; limit: number }): Promise<WaitingStep[]> {
  return tx.stepRun.findMany({
    where: { actedAt: null, case: { status: "open" }, OR: p.roles.map((r) => ({ role: r.role, case: { orgId: r.orgId } })) },
    select: waitingFields,
    orderBy: { deadlineAt: "asc" },
    take: p.limit,
  });
}

/** The open steps of a counsellor's open cases besides `except` (steps someone else holds), soonest deadline first. */
export async function stepsWaitingOnCasesOf(tx: Tx, p: { counsellorId: string; except: string[]; limit: number }): Promise<WaitingStep[]> {
  return tx.stepRun.findMany({
    where: { actedAt: null, case: { status: "open", counsellorId: p.counsellorId }, id: { notIn: p.except } },
    select: waitingFields,
    orderBy: { deadlineAt: "asc" },
    take: p.limit,
  });
}
