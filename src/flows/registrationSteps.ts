// The steps a registration IS: the client's arrival and the staff's recording of them (PUSPAGA rows 1–3, the
// BK SOPs' rows 1–2). When staff register a walk-in (/kasusbaru), these steps are recorded done at once, in
// order, so the case starts at the first step somebody still has to do. The flow file marks them
// (`registration: true`); the loader checks that they open the flow, one after the other.
import { z } from "zod";
import { ACTION_KINDS, type ActionKind } from "./actionKinds.ts";
import type { FlowProblem } from "./flowProblem.ts";

/** The step field this file reads and checks (spread into the step schema of flowSchema.ts). */
export const registrationFields = {
  /** The step is the client's arrival or registration: a staff registration (/kasusbaru) records it done. */
  registration: z.boolean().optional(),
};

/** What the rules read of a step. */
interface StepLike {
  id: string;
  action: ActionKind;
  next?: string | Record<string, string> | undefined;
  writes?: boolean | undefined;
  upload?: string | undefined;
  registration?: boolean | undefined;
}

/** The registration steps of a flow, in order: its first steps marked `registration: true`. */
export function registrationStepsOf<S extends StepLike>(steps: readonly S[]): S[] {
  const marked: S[] = [];
  for (const step of steps) {
    if (!step.registration) break;
    marked.push(step);
  }
  return marked;
}

/** Registration steps open the flow one after the other, each a plain form or message that leads to the next. */
export function checkRegistrationSteps(steps: readonly StepLike[]): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const leading = registrationStepsOf(steps);
  for (const step of steps.filter((s) => s.registration && !leading.includes(s))) {
    problems.push({
      step: step.id,
      reason: "registration: true on a step that does not follow the flow's first steps one after the other (registration steps open the flow)",
    });
  }
  for (const [index, step] of leading.entries()) {
    const add = (reason: string) => problems.push({ step: step.id, reason });
    if (ACTION_KINDS[step.action].exits === "end" || (step.action !== "form" && step.action !== "message")) {
      add(
        `registration: true on ${step.action === "approval" || step.action === "archive" ? "an" : "a"} ${step.action} step: only a form or a message can be what the registration records`,
      );
    }
    if (step.writes || step.upload) add("registration: true on a step whose actor writes a text or sends a file: the registration has none to give");
    const following = steps[index + 1];
    if (typeof step.next !== "string" || (following && step.next !== following.id)) {
      add(`registration: true needs next to be the step after it (${following?.id ?? "none"}), so the registration steps run in order`);
    }
  }
  return problems;
}
