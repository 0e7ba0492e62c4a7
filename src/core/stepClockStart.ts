// When a step's clock starts, by the flow's `clock_from` (src/flows/stepClockAnchor.ts): when the step is asked,
// or, for a step after a counselling session, when the case's session ends if that is later. A session booked
// for next week then makes nobody late today. Pure: the engine and the reports ask here.
import { clockAnchorOf, type ClockAnchor } from "../flows/stepClockAnchor.ts";

/** The moment the step's time standard starts counting. */
export function clockStartOf(step: { clock_from?: ClockAnchor | undefined }, p: { askedAt: Date; sessionEndsAt?: Date | null }): Date {
  if (clockAnchorOf(step) !== "session_end" || !p.sessionEndsAt) return p.askedAt;
  return p.sessionEndsAt.getTime() > p.askedAt.getTime() ? p.sessionEndsAt : p.askedAt;
}
