// What a case's people are told when the engine asks for it: a step's task with its buttons, the client's
// "your case is at this step", an escalation — rendered per recipient, in their language.
import type { CaseSnapshot, Effect } from "../../core/caseTypes.ts";
import { formatDuration, parseDuration } from "../../core/duration.ts";
import { formatLocal } from "../../core/workingTime.ts";
import { documentOf } from "../../flows/actionKinds.ts";
import type { FlowContext, Step } from "../../flows/flowSchema.ts";
import { messagesFor, type Locale } from "../../i18n/index.ts";
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import type { Recipient } from "../recipients.ts";
import { handOverButtons } from "./handOverButtons.ts";

/** A step sent back by a revise outcome: the role that returned it, and what its actor wrote last time. */
export interface Returned {
  byRole: string;
  previousText: string | null;
}

/** The button label of an outcome, as the flow names it. */
export function outcomeLabel(step: Step, outcome: string, locale: Locale): string {
  return step.labels?.[outcome] ?? messagesFor(locale).outcome[outcome] ?? outcome;
}

function roleLabelOf(ctx: FlowContext, roleId: string, locale: "id" | "en"): string {
  const role = ctx.organisation.roles.find((x) => x.id === roleId);
  return (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? roleId;
}

function stepText(ctx: FlowContext, stepId: string) {
  const step = ctx.flow.step(stepId)!;
  const duration = parseDuration(step.time)!;
  return { step, duration };
}

/** Renders one notification for one recipient, in their language; null for an effect that tells nobody. */
export function renderFor(
  ctx: FlowContext,
  c: CaseSnapshot,
  effect: Effect,
  r: Recipient,
  stepRunId: string | null,
  returned?: Returned,
): OutboundMessage | null {
  const t = messagesFor(r.locale);
  const locale = r.locale === "en" ? "en" : "id";
  const when = (d: Date) => formatLocal(d, ctx.organisation.calendar, locale);
  switch (effect.kind) {
    case "notify_role": {
      const { step, duration } = stepText(ctx, effect.stepId);
      const outcomes = ctx.flow.outcomes(step);
      return {
        text: t.stepTask({
          caseNo: c.number,
          flowTitle: ctx.flow.label(locale),
          stepNo: step.no,
          activity: ctx.flow.activity(step, locale),
          inputs: step.inputs,
          standard: formatDuration(duration, locale),
          deadline: when(effect.deadlineAt),
          note: effect.note,
          returned: returned && { by: roleLabelOf(ctx, returned.byRole, locale), previousText: returned.previousText },
        }),
        buttons: stepRunId
          ? [
              ...outcomes.flatMap((outcome) => {
                const label = outcomeLabel(step, outcome, locale);
                const button = { label, action: { kind: "step_outcome" as const, stepRunId, outcome } };
                // The Nota Dinas goes out in the approver's name: they may add their own note to it.
                if (outcome !== "approve" || documentOf(step) !== "nota_dinas") return [button];
                return [button, { label: t.buttons.withNote({ label }), action: { ...button.action, withNote: true } }];
              }),
              ...handOverButtons(ctx.flow, step, stepRunId, locale),
            ]
          : [],
        attachments: [],
        caseNo: c.number,
        links: [],
      };
    }
    case "notify_client": {
      if (effect.topic === "archived") return { text: t.clientArchived({ caseNo: c.number }), buttons: [], links: [], attachments: [], caseNo: c.number };
      if (effect.topic === "cancelled") return { text: t.clientCancelled({ caseNo: c.number }), buttons: [], links: [], attachments: [], caseNo: c.number };
      const { step, duration } = stepText(ctx, effect.stepId!);
      return {
        text: t.clientStepStarted({
          caseNo: c.number,
          activity: ctx.flow.activity(step, locale),
          standard: formatDuration(duration, locale),
          deadline: when(effect.deadlineAt!),
        }),
        buttons: [],
        attachments: [],
        caseNo: c.number,
        links: [],
      };
    }
    case "escalate": {
      const { step } = stepText(ctx, effect.stepId);
      const role = ctx.organisation.roles.find((x) => x.id === effect.fromRole);
      return {
        text: t.escalation({
          caseNo: c.number,
          stepNo: step.no,
          activity: step.activity,
          role: role?.label ?? effect.fromRole,
          deadline: when(effect.deadlineAt),
        }),
        buttons: [],
        attachments: [],
        caseNo: c.number,
        links: [],
      };
    }
    default:
      return null;
  }
}
