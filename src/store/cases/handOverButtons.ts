// The hand-over buttons a step's task carries where its flow says the case may go on to another SOP there
// (flow files: hands_over_to; pressing one is handled by src/dialogs/handOverButton.ts).
import { handOverLabel, handOversAt } from "../../flows/handOvers.ts";
import type { Flow, Step } from "../../flows/flowSchema.ts";
import type { OutboundButton } from "../../notify/outboundMessage.ts";

/** One button per SOP the case may be handed over to from this step (none for most steps). */
export function handOverButtons(flow: Flow, step: Step, stepRunId: string, locale: string): OutboundButton[] {
  return handOversAt(flow, step.id).map((h) => ({ label: handOverLabel(h, locale), action: { kind: "hand_over" as const, stepRunId, flowId: h.flow } }));
}
