// Keterkaitan between SOPs: a flow names another flow its cases may be handed over to (the BK SOPs to SOP
// Terapi), and at which of its steps. There the step's task carries one more button; pressing it opens a case
// on the other flow for the same client, linked to this one and carrying its reports, without a second intake.
import { z } from "zod";
import type { Locale } from "../i18n/index.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, - and _");

/** One hand-over a flow offers: to which flow, from which of its steps, with what button text. */
export const handOverSchema = z.strictObject({
  /** The flow the new case runs on (same organisation). */
  flow: id,
  /** The steps whose task offers the hand-over (the counsellor's report, the disposisi). */
  at: z.array(id).min(1),
  /** The button text, in Indonesian and English. */
  label: z.string().min(1),
  label_en: z.string().min(1).optional(),
});

export type HandOver = z.infer<typeof handOverSchema>;

/** What the lookups read of a flow. */
interface FlowWithHandOvers {
  id: string;
  organisation: string;
  hands_over_to: readonly HandOver[];
  step(id: string): unknown;
}

/** The hand-overs a flow offers at a step (none for most steps). */
export function handOversAt(flow: Pick<FlowWithHandOvers, "hands_over_to">, stepId: string): HandOver[] {
  return flow.hands_over_to.filter((h) => h.at.includes(stepId));
}

/** The hand-over's button text in the reader's language. */
export function handOverLabel(h: HandOver, locale: Locale | string): string {
  return locale === "en" ? (h.label_en ?? h.label) : h.label;
}

/** Cross-flow checks: the target flow exists, runs in the same organisation, is not the flow itself; the steps exist. */
export function checkHandOvers(flow: FlowWithHandOvers, flows: ReadonlyMap<string, { organisation: string }>): { step?: string; reason: string }[] {
  const problems: { step?: string; reason: string }[] = [];
  for (const [i, h] of flow.hands_over_to.entries()) {
    const field = `hands_over_to[${i}]`;
    const target = flows.get(h.flow);
    if (h.flow === flow.id) problems.push({ reason: `${field}: a flow cannot hand its cases over to itself` });
    else if (!target) problems.push({ reason: `${field}: flow "${h.flow}" does not exist (flows: ${[...flows.keys()].join(", ")})` });
    else if (target.organisation !== flow.organisation) {
      problems.push({ reason: `${field}: flow "${h.flow}" runs in organisation ${target.organisation}, not ${flow.organisation}` });
    }
    for (const stepId of h.at.filter((s) => flow.step(s) === undefined)) {
      problems.push({ reason: `${field}.at names "${stepId}", which is not a step of this flow` });
    }
  }
  return problems;
}
