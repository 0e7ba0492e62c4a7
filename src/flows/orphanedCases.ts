// Does a set of flow files still fit the open cases? A case that waits on a step the files no longer have (a step
// renamed or removed), or whose flow no file defines any more, cannot go on: its buttons, its deadline and its
// escalation would all fail. flows check refuses such a change, naming the cases; doctor and start-up say it too.
import type { LoadedFlows, FileProblem } from "./loadFlows.ts";

/** The open cases `flows` no longer fit, as problems of the file that dropped their step (one per case and step). */
export function orphanedCases(
  flows: Pick<LoadedFlows, "flows" | "files">,
  cases: readonly { caseNo: number; flowId: string; stepIds: readonly string[] }[],
  flowsDir: string,
): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const c of cases) {
    const flow = flows.flows.get(c.flowId);
    if (!flow) {
      problems.push({
        file: flowsDir,
        reason: `open case #${c.caseNo} is on flow "${c.flowId}", which no file defines any more: restore it, or close the case first`,
      });
      continue;
    }
    for (const stepId of c.stepIds) {
      if (flow.step(stepId)) continue;
      problems.push({
        file: flows.files.get(c.flowId) ?? flowsDir,
        step: stepId,
        reason: `open case #${c.caseNo} waits on this step, which the file no longer has: keep the step id until the case has moved on (or is closed)`,
      });
    }
  }
  return problems;
}
