// What a check of a flow or organisation file reports: a leaf, so every checker can name it without importing
// the checker that runs them all.

/** One thing wrong with a flow (or organisation); `step` is the step id when the problem is in one step. */
export interface FlowProblem {
  step?: string;
  reason: string;
}
