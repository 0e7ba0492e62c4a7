// A loaded flow: the file's data plus the lookups every caller needs, so nobody writes
// `flow.steps.find((s) => s.id === id)` or `locale === "en" ? flow.title_en : flow.title` again.
// The lookups sit on the prototype: the flow still compares, prints and clones as the plain data it was read from.
import type { Locale } from "../i18n/index.ts";
import { outcomesOf } from "./actionKinds.ts";
import type { FlowData, Step } from "./flowSchema.ts";

export interface FlowLookups {
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

export type CompiledFlow = FlowData & FlowLookups;

/** The outcome -> next step map of a step, whatever form the file used. */
function transitions(step: Step): Record<string, string> {
  if (step.next === undefined) return {};
  return typeof step.next === "string" ? { done: step.next } : step.next;
}

const lookups: FlowLookups & ThisType<CompiledFlow> = {
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
export function compileFlow(data: FlowData): CompiledFlow {
  return Object.assign(Object.create(lookups) as FlowLookups, data);
}
