// What pressing a chat button means, as one zod discriminated union: the button carries only an opaque id,
// and the action behind it is stored server-side (ButtonToken.actionJson), parsed once when the button is
// resolved (src/store/buttonTokens.ts), and handled by switching on `kind`. Tokens stored before the typed
// actions existed hold `{ kind: "choice", value: "<prefix>:..." }`; they are mapped to the typed kinds when read.
import { z } from "zod";
import { CLIENT_KINDS, FIELD_IDS, type ClientKind, type FieldId } from "./intake/intakeFields.ts";

const variant = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.object({ kind: z.literal(kind), ...shape });

/** The typed actions. Add a kind here and `tsc` lists every switch that must handle it. */
const typedVariants = [
  /** A step of a case's SOP is done with this outcome (approve, revise, done, a PUSPAGA branch...). */
  variant("step_outcome", {
    stepRunId: z.string(),
    outcome: z.string(),
    /** Ask the presser for a note before recording (an approver's note on the Nota Dinas sent in their name). */
    withNote: z.boolean().optional(),
  }),
  // Booking a session (src/dialogs/sessionChoices.ts).
  /** The client picks the offer's slot number `index`. */
  variant("slot", { offerId: z.string().min(1), index: z.number().int().nonnegative() }),
  /** The client asks for other times than the offer shows. */
  variant("more_slots", { offerId: z.string().min(1) }),
  /** The client or counsellor moves a booked session. */
  variant("reschedule_session", { appointmentId: z.string().min(1) }),
  /** The client or counsellor cancels a booked session. */
  variant("cancel_session", { appointmentId: z.string().min(1) }),
  // Staff.
  /** The head of unit confirms a client's erasure request (src/dialogs/erasureChoice.ts). */
  variant("confirm_erasure", { personId: z.string().min(1) }),
  /** /kasusbaru: the SOP a walk-in registration is on. */
  variant("open_flow", { flowId: z.string().min(1) }),
  /** On a step's task: open a linked case for the same client on another SOP (flow files: hands_over_to). */
  variant("hand_over", { stepRunId: z.string().min(1), flowId: z.string().min(1) }),
  /** A note prompt (src/dialogs/stepButtons.ts): record an external step without a result... */
  variant("skip_note", {}),
  /** ...or drop the press altogether. */
  variant("cancel_note", {}),
  // The client.
  /** Start a new registration (beside an open or recently archived case). */
  variant("new_intake", {}),
  /** The client resumes their registration paused after a crisis phrase (src/dialogs/crisisHold.ts). */
  variant("resume_registration", {}),
  /** A counsellor resumes the paused registration of the client named. */
  variant("resume_client_registration", { clientId: z.string().min(1) }),
  // The chat intake's answers (src/dialogs/intake/intakeDialog.ts).
  variant("consent", { agree: z.boolean() }),
  variant("client_kind", { clientKind: z.enum(CLIENT_KINDS) }),
  /** One of a field's suggested answers (a tingkat, a campus). */
  variant("field_answer", { answer: z.string().min(1) }),
  /** An optional field left empty. */
  variant("skip_field", {}),
  variant("keluhan_done", {}),
  variant("send_summary", {}),
  variant("change_summary", {}),
  /** From the summary: change one field's answer... */
  variant("edit_field", { field: z.enum(FIELD_IDS) }),
  /** ...or write the complaint again... */
  variant("edit_keluhan", {}),
  /** ...or go back to the summary. */
  variant("edit_back", {}),
] as const;

/**
 * The shape every button was stored with before the typed kinds: a small string language ("slot:<offer>:<n>",
 * "consent:yes"...). Never created any more; read from old tokens and mapped by `fromLegacyChoice`.
 * @deprecated build actions with `buttonAction`.
 */
const legacyChoiceSchema = variant("choice", { value: z.string().min(1) });

/** What pressing a button means, as stored (a pre-upgrade `choice` included); checked on the server, never trusted from the client. */
export const buttonActionSchema = z.discriminatedUnion("kind", [...typedVariants, legacyChoiceSchema]);
/** An action as stored: the typed kinds, or a pre-upgrade `choice`. */
export type StoredButtonAction = z.infer<typeof buttonActionSchema>;
/** An action as handled: always one of the typed kinds. */
export type ButtonAction = Exclude<StoredButtonAction, { kind: "choice" }>;
/** Every action but a step's outcome: an answer within a conversation. */
export type ChoiceAction = Exclude<ButtonAction, { kind: "step_outcome" }>;
export type ButtonActionKind = ButtonAction["kind"];
type Of<K extends ButtonActionKind> = Extract<ButtonAction, { kind: K }>;

/** Typed constructors: the only way the product makes a button's action. */
export const buttonAction = {
  stepOutcome: (stepRunId: string, outcome: string, withNote?: boolean): Of<"step_outcome"> =>
    withNote === undefined ? { kind: "step_outcome", stepRunId, outcome } : { kind: "step_outcome", stepRunId, outcome, withNote },
  slot: (offerId: string, index: number): Of<"slot"> => ({ kind: "slot", offerId, index }),
  moreSlots: (offerId: string): Of<"more_slots"> => ({ kind: "more_slots", offerId }),
  rescheduleSession: (appointmentId: string): Of<"reschedule_session"> => ({ kind: "reschedule_session", appointmentId }),
  cancelSession: (appointmentId: string): Of<"cancel_session"> => ({ kind: "cancel_session", appointmentId }),
  confirmErasure: (personId: string): Of<"confirm_erasure"> => ({ kind: "confirm_erasure", personId }),
  openFlow: (flowId: string): Of<"open_flow"> => ({ kind: "open_flow", flowId }),
  handOver: (stepRunId: string, flowId: string): Of<"hand_over"> => ({ kind: "hand_over", stepRunId, flowId }),
  skipNote: (): Of<"skip_note"> => ({ kind: "skip_note" }),
  cancelNote: (): Of<"cancel_note"> => ({ kind: "cancel_note" }),
  newIntake: (): Of<"new_intake"> => ({ kind: "new_intake" }),
  resumeRegistration: (): Of<"resume_registration"> => ({ kind: "resume_registration" }),
  resumeClientRegistration: (clientId: string): Of<"resume_client_registration"> => ({ kind: "resume_client_registration", clientId }),
  consent: (agree: boolean): Of<"consent"> => ({ kind: "consent", agree }),
  clientKind: (clientKind: ClientKind): Of<"client_kind"> => ({ kind: "client_kind", clientKind }),
  fieldAnswer: (answer: string): Of<"field_answer"> => ({ kind: "field_answer", answer }),
  skipField: (): Of<"skip_field"> => ({ kind: "skip_field" }),
  keluhanDone: (): Of<"keluhan_done"> => ({ kind: "keluhan_done" }),
  sendSummary: (): Of<"send_summary"> => ({ kind: "send_summary" }),
  changeSummary: (): Of<"change_summary"> => ({ kind: "change_summary" }),
  editField: (field: FieldId): Of<"edit_field"> => ({ kind: "edit_field", field }),
  editKeluhan: (): Of<"edit_keluhan"> => ({ kind: "edit_keluhan" }),
  editBack: (): Of<"edit_back"> => ({ kind: "edit_back" }),
};

const isFieldId = (v: string): v is FieldId => (FIELD_IDS as readonly string[]).includes(v);
const isClientKind = (v: string): v is ClientKind => (CLIENT_KINDS as readonly string[]).includes(v);

/** The typed action a pre-upgrade `choice` value meant, or null for a value no release ever made. */
export function fromLegacyChoice(value: string): ChoiceAction | null {
  const slot = /^slot:([^:]+):(\d+|more)$/.exec(value);
  if (slot) return slot[2] === "more" ? buttonAction.moreSlots(slot[1]!) : buttonAction.slot(slot[1]!, Number(slot[2]));
  const appt = /^appt:([^:]+):(reschedule|cancel)$/.exec(value);
  if (appt) return appt[2] === "cancel" ? buttonAction.cancelSession(appt[1]!) : buttonAction.rescheduleSession(appt[1]!);
  const [head, ...rest] = value.split(":");
  const tail = rest.join(":");
  switch (head) {
    case "erase":
      return tail ? buttonAction.confirmErasure(tail) : null;
    case "open":
      return tail ? buttonAction.openFlow(tail) : null;
    case "note":
      return tail === "skip" ? buttonAction.skipNote() : tail === "cancel" ? buttonAction.cancelNote() : null;
    case "intake":
      return tail === "new" ? buttonAction.newIntake() : null;
    case "crisis":
      if (tail === "resume") return buttonAction.resumeRegistration();
      return tail.startsWith("resume:") && tail.length > "resume:".length ? buttonAction.resumeClientRegistration(tail.slice("resume:".length)) : null;
    case "consent":
      return tail === "yes" ? buttonAction.consent(true) : tail === "no" ? buttonAction.consent(false) : null;
    case "kind":
      return isClientKind(tail) ? buttonAction.clientKind(tail) : null;
    case "field":
      return tail === "skip" ? buttonAction.skipField() : tail ? buttonAction.fieldAnswer(tail) : null;
    case "keluhan":
      return tail === "done" ? buttonAction.keluhanDone() : null;
    case "summary":
      return tail === "send" ? buttonAction.sendSummary() : tail === "change" ? buttonAction.changeSummary() : null;
    case "edit":
      if (tail === "keluhan") return buttonAction.editKeluhan();
      if (tail === "back") return buttonAction.editBack();
      return isFieldId(tail) ? buttonAction.editField(tail) : null;
    default:
      return null;
  }
}

/**
 * The pre-upgrade string a choice was written as: `fromLegacyChoice` inverted, so a test can prove every kind
 * maps back and forth, and drive a chat by the values it always used ("consent:yes"). A kind newer than the
 * string language (hand_over) is written in its style for the drivers; no release stored it, so
 * `fromLegacyChoice` refuses it.
 */
export function legacyChoiceValue(action: ChoiceAction): string {
  switch (action.kind) {
    case "slot":
      return `slot:${action.offerId}:${action.index}`;
    case "more_slots":
      return `slot:${action.offerId}:more`;
    case "reschedule_session":
      return `appt:${action.appointmentId}:reschedule`;
    case "cancel_session":
      return `appt:${action.appointmentId}:cancel`;
    case "confirm_erasure":
      return `erase:${action.personId}`;
    case "open_flow":
      return `open:${action.flowId}`;
    case "hand_over":
      return `handover:${action.stepRunId}:${action.flowId}`;
    case "skip_note":
      return "note:skip";
    case "cancel_note":
      return "note:cancel";
    case "new_intake":
      return "intake:new";
    case "resume_registration":
      return "crisis:resume";
    case "resume_client_registration":
      return `crisis:resume:${action.clientId}`;
    case "consent":
      return action.agree ? "consent:yes" : "consent:no";
    case "client_kind":
      return `kind:${action.clientKind}`;
    case "field_answer":
      return `field:${action.answer}`;
    case "skip_field":
      return "field:skip";
    case "keluhan_done":
      return "keluhan:done";
    case "send_summary":
      return "summary:send";
    case "change_summary":
      return "summary:change";
    case "edit_field":
      return `edit:${action.field}`;
    case "edit_keluhan":
      return "edit:keluhan";
    case "edit_back":
      return "edit:back";
  }
}

/** A stored action, checked, as handled: a pre-upgrade `choice` becomes its typed kind; null when it is not one. */
export function parseButtonAction(raw: unknown): ButtonAction | null {
  const parsed = buttonActionSchema.safeParse(raw);
  if (!parsed.success) return null;
  return parsed.data.kind === "choice" ? fromLegacyChoice(parsed.data.value) : parsed.data;
}
