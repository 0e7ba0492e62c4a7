// A step's time standard as every report reads it: the duration the SOP writes ("1 hari") and its minutes on
// the step's own clock by the one rule of src/core/stepTime.ts. The dashboard, its CSV and `case show` ask here.
import { parseDuration, type Duration } from "../core/duration.ts";
import { standardMinutes } from "../core/stepTime.ts";
import type { LoadedFlows } from "./loadFlows.ts";

export interface StepStandard {
  duration: Duration;
  /** In minutes of the step's clock, comparable with StepRun.actualMin. */
  minutes: number;
  /** Working days, counted as working minutes (a "1 hari" step on the working clock). */
  workingDays: boolean;
}

/** The standard of a step of a loaded flow; null when the flow or the step is no longer loaded. */
export function standardOfStep(flows: Pick<LoadedFlows, "flows" | "organisations">, flowId: string, stepId: string): StepStandard | null {
  const flow = flows.flows.get(flowId);
  const step = flow?.step(stepId);
  const organisation = flow ? flows.organisations.get(flow.organisation) : undefined;
  const duration = step ? parseDuration(step.time) : null;
  if (!flow || !step || !organisation || !duration) return null;
  const clock = step.clock ?? flow.clock;
  return { duration, minutes: standardMinutes(duration, clock, organisation.calendar), workingDays: clock === "working" && duration.unit === "day" };
}
