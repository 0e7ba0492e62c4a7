// The open cases the loaded flows no longer fit (a step renamed or removed in flows/ while a case waits on it),
// each as one line naming the case, the file and the step: said at start-up and by doctor. The service still
// starts: the other cases go on, and the deadline timer skips these (src/jobs/deadlineTimer.ts).
import type { App } from "./openApp.ts";
import { describeProblem } from "../flows/loadFlows.ts";
import { orphanedCases } from "../flows/orphanedCases.ts";
import { readOpenCaseSteps } from "../store/openCaseSteps.ts";

/** One line per stranded case and step; empty when every open case finds its flow and step. */
export async function strandedCaseLines(app: Pick<App, "flows" | "db" | "config">): Promise<string[]> {
  return orphanedCases(app.flows, await readOpenCaseSteps(app.db.prisma), app.config.flowsDir).map(describeProblem);
}
