// `flows check`: the files in FLOWS_DIR load without a problem, and fit the open cases of the configured database
// (each still finds its flow and the steps it waits on). A change that would strand an open case is refused like a
// broken file, naming the case, so it is caught before the service restarts on it.
import type { Config } from "../config.ts";
import { FlowLoadError, loadFlowsFromDir } from "../flows/loadFlows.ts";
import { orphanedCases } from "../flows/orphanedCases.ts";
import { readOpenCaseStepsAt } from "../store/openCaseSteps.ts";

/** What flows check prints; throws FlowLoadError listing every problem (files, then stranded cases). */
export async function flowsCheckText(config: Config): Promise<string> {
  const loaded = loadFlowsFromDir(config.flowsDir);
  const ok = `OK: ${loaded.flows.size} flows, ${loaded.organisations.size} organisations in ${config.flowsDir}/ — no problems found.`;
  const open = await readOpenCaseStepsAt(config.database);
  if ("unreadable" in open) return `${ok}\nOpen cases: not checked (${open.unreadable}).`;
  const problems = orphanedCases(loaded, open.cases, config.flowsDir);
  if (problems.length > 0) throw new FlowLoadError(problems);
  return `${ok}\nOpen cases: ${open.cases.length} checked; each still finds its flow and the steps it waits on.`;
}
