// Where the open cases stand, for checking a change to flows/ against them (flows check, doctor, start-up):
// each open case's flow and the steps it waits on (its current step and every step run not yet done).
import { existsSync } from "node:fs";
import { openDatabase, type Database, type Prisma } from "./database.ts";
import { databaseErrorCause } from "./databaseOutage.ts";
import type { DatabaseTarget } from "./databaseTarget.ts";

/** One open case: its number, flow and the step ids it waits on. */
export interface OpenCaseSteps {
  caseNo: number;
  flowId: string;
  stepIds: string[];
}

/** Every open case with the steps it waits on, by case number. Reads ids only (no keys needed). */
export async function readOpenCaseSteps(prisma: Prisma): Promise<OpenCaseSteps[]> {
  const cases = await prisma.case.findMany({
    where: { status: "open" },
    select: { number: true, flowId: true, currentStepId: true, stepRuns: { where: { actedAt: null }, select: { stepId: true } } },
    orderBy: { number: "asc" },
  });
  return cases.map((c) => ({
    caseNo: c.number,
    flowId: c.flowId,
    stepIds: [...new Set([...(c.currentStepId ? [c.currentStepId] : []), ...c.stepRuns.map((r) => r.stepId)])],
  }));
}

/** The open cases of the database a target names, without migrating or creating it: or why they could not be read. */
export async function readOpenCaseStepsAt(target: DatabaseTarget): Promise<{ cases: OpenCaseSteps[] } | { unreadable: string }> {
  if (target.kind === "sqlite" && target.file !== ":memory:" && !existsSync(target.file)) return { unreadable: `no database yet at ${target.file}` };
  let db: Database | undefined;
  try {
    db = await openDatabase(target, { migrate: false });
    return { cases: await readOpenCaseSteps(db.raw) };
  } catch (error) {
    return { unreadable: databaseErrorCause(error) };
  } finally {
    await db?.close().catch(() => undefined);
  }
}
