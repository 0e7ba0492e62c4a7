// Where a step's clock starts. By default when the step is asked; a step after a counselling session (the
// supervision that follows the Google Meet session, the counselling of a new appointment) counts from the
// session's end (`clock_from: session_end`), so a session booked for next week makes nobody late today. The
// loader checks that a session can come before such a step.
import { z } from "zod";
import { ACTION_KINDS, type ActionKind } from "./actionKinds.ts";
import type { FlowProblem } from "./flowProblem.ts";

/** The anchors a flow file may name. */
export const CLOCK_ANCHORS = ["step_start", "session_end"] as const;
export type ClockAnchor = (typeof CLOCK_ANCHORS)[number];

/** The step field this file reads and checks (spread into the step schema of flowSchema.ts). */
export const clockAnchorFields = {
  /** Where the step's time standard starts counting: when it is asked (default) or when the case's session ends. */
  clock_from: z.enum(CLOCK_ANCHORS).optional(),
};

/** What the rules read of a step. */
interface StepLike {
  id: string;
  action: ActionKind;
  next?: string | Record<string, string> | undefined;
  clock_from?: ClockAnchor | undefined;
}

/** The step's anchor (step_start when the file says none). */
export function clockAnchorOf(step: Pick<StepLike, "clock_from">): ClockAnchor {
  return step.clock_from ?? "step_start";
}

/** A session_end anchor needs a step that books a session before it, and cannot be on such a step itself. */
export function checkClockAnchors(steps: readonly StepLike[]): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const edges = new Map(steps.map((s) => [s.id, s.next === undefined ? [] : typeof s.next === "string" ? [s.next] : Object.values(s.next)]));
  // Every step a session-booking step leads to, directly or later.
  const afterSession = new Set<string>();
  const queue = steps.filter((s) => ACTION_KINDS[s.action].booksSession).flatMap((s) => edges.get(s.id) ?? []);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (afterSession.has(next)) continue;
    afterSession.add(next);
    queue.push(...(edges.get(next) ?? []));
  }
  for (const step of steps.filter((s) => clockAnchorOf(s) === "session_end")) {
    if (ACTION_KINDS[step.action].booksSession) {
      problems.push({ step: step.id, reason: "clock_from: session_end on a step that books the session: its clock cannot wait for the session it books" });
    } else if (!afterSession.has(step.id)) {
      problems.push({
        step: step.id,
        reason: "clock_from: session_end, but no step that books a session (schedule) comes before it: there is no session for its clock to wait for",
      });
    }
  }
  return problems;
}
