// What the flow file adds to a step's messages besides the task: the tembusan (a copy of what a done step sent
// on, without buttons, for a role the SOP reports to that does not act next) and, on a client milestone that is
// their counsellor's step, who their counsellor is. Rendered per recipient, in their language.
import type { CaseSnapshot, Effect } from "../../core/caseTypes.ts";
import type { FlowContext } from "../../flows/flowSchema.ts";
import { messagesFor } from "../../i18n/index.ts";
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import type { Recipient } from "../recipients.ts";

/** The copy of a done step (its activity, who did it, what they wrote) for one recipient. */
export function renderStepCopy(ctx: FlowContext, c: CaseSnapshot, effect: Extract<Effect, { kind: "copy_step" }>, r: Recipient): OutboundMessage | null {
  const step = ctx.flow.step(effect.stepId);
  if (!step) return null;
  const locale = r.locale === "en" ? "en" : "id";
  const role = ctx.organisation.roles.find((x) => x.id === step.role);
  return {
    text: messagesFor(locale).stepCopy({
      caseNo: c.number,
      flowTitle: ctx.flow.label(locale),
      stepNo: step.no,
      activity: ctx.flow.activity(step, locale),
      by: (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? step.role,
      ...(effect.note ? { text: effect.note } : {}),
    }),
    buttons: [],
    attachments: [],
    caseNo: c.number,
    links: [],
  };
}

/** A client's milestone notice, naming their counsellor when the step is the counsellor's. */
export function withCounsellor(message: OutboundMessage | null, r: Recipient, counsellorName: string | undefined): OutboundMessage | null {
  if (!message || !counsellorName) return message;
  return { ...message, text: `${message.text}\n${messagesFor(r.locale).clientCounsellor({ name: counsellorName })}` };
}
