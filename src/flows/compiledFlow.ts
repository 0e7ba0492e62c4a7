// A loaded flow: the file's data plus the lookups every caller needs, so nobody writes
// `flow.steps.find((s) => s.id === id)` or `locale === "en" ? flow.title_en : flow.title` again.
// The lookups sit on the prototype: the flow still compares, prints and clones as the plain data it was read from.
import type { Locale } from "../i18n/index.ts";
import { outcomesOf } from "./actionKinds.ts";

/** What the action-kind rules read of a step. */
type StepLike = Parameters<typeof outcomesOf>[0];

/** What the lookups read of a step (the step schema in flowSchema.ts has more). */
export interface StepShape extends StepLike {
  id: string;
  activity: string;
  activity_en?: string;
}

/** What the lookups read of a flow file's data. */
export interface FlowShape<S extends StepShape> {
  title: string;
  title_en?: string;
  steps: S[];
}

export interface FlowLookups<Step extends StepShape> {
  /** The step with this id, if the flow has one. */
  step(id: string): Step | undefined;
  /** The outcomes the step's buttons offer (the end of the flow offers "done"). */
  outcomes(step: Step): string[];
  /** The step an outcome of this step leads to, if any. */
  next(step: Step, outcome: string): Step | undefined;
  /** The flow's title in the reader's language (Indonesian when there is no English one). */
  label(locale: Locale | string): string;
  /** A step's activity text in the reader's language (Indonesian when there is no English one). */
  activity(step: Step, locale: Locale | string): string;
}

/** The outcome -> next step map of a step, whatever form the file used. */
function transitions(step: StepShape): Record<string, string> {
  if (step.next === undefined) return {};
  return typeof step.next === "string" ? { done: step.next } : step.next;
}

const lookups: FlowLookups<StepShape> & ThisType<FlowShape<StepShape> & FlowLookups<StepShape>> = {
  step(id) {
    return this.steps.find((s) => s.id === id);
  },
  outcomes(step) {
    return outcomesOf(step);
  },
  next(step, outcome) {
    const target = transitions(step)[outcome];
    return target === undefined ? undefined : this.step(target);
  },
  label(locale) {
    return locale === "en" ? (this.title_en ?? this.title) : this.title;
  },
  activity(step, locale) {
    return locale === "en" ? (step.activity_en ?? step.activity) : step.activity;
  },
};

/** The flow's data with its lookups attached. */
export function compileFlow<S extends StepShape, F extends FlowShape<S>>(data: F): F & FlowLookups<S> {
  return Object.assign(Object.create(lookups) as FlowLookups<S>, data);
}
