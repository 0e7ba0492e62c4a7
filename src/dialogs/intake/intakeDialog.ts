// The client intake conversation as a pure state machine: consent → who you are → biodata → keluhan →
// summary → submit. (state, input) → (state, replies, event). The caller stores the state and carries
// out the event (record consent, open the case); nothing here does I/O or knows the channel.
import { consentText } from "./consentText.ts";
import { messagesFor, type Locale } from "../../i18n/index.ts";
import { textMessage, type OutboundButton, type OutboundMessage } from "../../notify/outboundMessage.ts";
import { buttonAction, type ChoiceAction } from "../buttonActions.ts";
import { FIELDS_BY_KIND, FIELD_SPECS, MAX_KELUHAN_CHARS, MAX_MESSAGE_CHARS, type ClientKind, type FieldId } from "./intakeFields.ts";

export type IntakeStage = { at: "consent" } | { at: "kind" } | { at: "field"; field: FieldId } | { at: "keluhan" } | { at: "summary" } | { at: "edit_pick" };

/**
 * self: a client registers themselves. staff: a staff member registers a walk-in client on a chosen flow
 * (no consent asked of the staff member, no optional contact fields). link: a client registered by staff
 * links their chat to the case with the code they were given, after consenting.
 */
export type IntakeMode = "self" | "staff" | "link";

export interface IntakeState {
  dialog: "intake";
  mode: IntakeMode;
  /** staff mode: the flow chosen; link mode: the invite being redeemed. */
  flowId?: string;
  linkInviteId?: string;
  orgId: string;
  orgName: string;
  /** Kinds of client this organisation's flows take from the chat (praja, pegawai / klien). */
  kinds: ClientKind[];
  locale: Locale;
  stage: IntakeStage;
  kind?: ClientKind;
  /** Answers by field; null = skipped (optional fields). */
  answers: Partial<Record<FieldId, string | null>>;
  keluhan: string[];
  /** Set while changing one field from the summary: go back to the summary after it. */
  editing?: boolean;
  /** The unit's data protection contact, named in the consent text (absent in a state saved before it was). */
  privacyContact?: string;
}

export type IntakeInput =
  | { type: "start" }
  | { type: "text"; text: string }
  /** A pressed button (or numbered answer), already resolved to its typed action. */
  | { type: "choice"; action: ChoiceAction }
  | { type: "cancel" }
  | { type: "language"; locale: Locale };

export type IntakeEvent =
  | { type: "consent_given" }
  | { type: "consent_refused" }
  | { type: "cancelled" }
  | { type: "submitted"; kind: ClientKind; answers: Partial<Record<FieldId, string | null>>; keluhan: string };

export interface IntakeStep {
  /** The state to keep, or null when the conversation ended. */
  state: IntakeState | null;
  replies: OutboundMessage[];
  event?: IntakeEvent;
}

/** A new intake for an organisation. */
export function newIntake(p: {
  orgId: string;
  orgName: string;
  kinds: ClientKind[];
  locale: Locale;
  mode?: IntakeMode;
  flowId?: string;
  linkInviteId?: string;
  privacyContact?: string;
}): IntakeState {
  const state: IntakeState = {
    dialog: "intake",
    mode: p.mode ?? "self",
    flowId: p.flowId,
    linkInviteId: p.linkInviteId,
    orgId: p.orgId,
    orgName: p.orgName,
    kinds: p.kinds,
    locale: p.locale,
    stage: { at: "consent" },
    answers: {},
    keluhan: [],
    ...(p.privacyContact ? { privacyContact: p.privacyContact } : {}),
  };
  if (state.mode !== "staff") return state;
  return state.kinds.length === 1 ? afterField({ ...state, kind: state.kinds[0] }) : at(state, { at: "kind" });
}

const choice = (label: string, action: ChoiceAction): OutboundButton => ({ label, action });

/** The fields asked in this intake: a staff member registering someone skips the client's own contact details. */
function fieldsOf(state: IntakeState): readonly FieldId[] {
  const all = state.kind ? FIELDS_BY_KIND[state.kind] : [];
  return state.mode === "staff" ? all.filter((f) => !FIELD_SPECS[f].optional) : all;
}

/** The question for the stage the state is at, with its buttons. */
export function promptFor(state: IntakeState): OutboundMessage {
  const t = messagesFor(state.locale);
  const b = t.buttons;
  switch (state.stage.at) {
    case "consent":
      return textMessage(consentText(state.locale, state.privacyContact), {
        buttons: [choice(b.agree, buttonAction.consent(true)), choice(b.disagree, buttonAction.consent(false))],
      });
    case "kind":
      return textMessage(t.intake.kindPrompt, { buttons: state.kinds.map((k) => choice(t.intake.kindLabels[k] ?? k, buttonAction.clientKind(k))) });
    case "field": {
      const spec = FIELD_SPECS[state.stage.field];
      const buttons = (spec.choices ?? []).map((c) => choice(c, buttonAction.fieldAnswer(c)));
      if (spec.optional) buttons.push(choice(b.skip, buttonAction.skipField()));
      const field = t.fields[spec.id]!;
      return textMessage(state.mode === "staff" ? field.staffPrompt : field.prompt, { buttons });
    }
    case "keluhan":
      return textMessage(state.mode === "staff" ? t.intake.keluhanPromptStaff : t.intake.keluhanPrompt, {
        buttons: [choice(b.done, buttonAction.keluhanDone())],
      });
    case "summary":
      return textMessage(t.intake.summary({ lines: summaryLines(state), keluhan: state.keluhan.join("\n"), staff: state.mode === "staff" }), {
        buttons: [choice(b.send, buttonAction.sendSummary()), choice(b.change, buttonAction.changeSummary())],
      });
    case "edit_pick":
      return textMessage(t.intake.editPick, {
        buttons: [
          ...fieldsOf(state).map((f) => choice(t.fields[f]!.label, buttonAction.editField(f))),
          choice(t.intake.keluhanLabel, buttonAction.editKeluhan()),
          choice(b.back, buttonAction.editBack()),
        ],
      });
  }
}

/** "Nama: Ana" lines for the summary and the counsellor's case card. */
export function summaryLines(state: Pick<IntakeState, "kind" | "answers" | "locale"> & { mode?: IntakeMode }): string[] {
  const t = messagesFor(state.locale);
  const lines = state.kind ? [`${t.intake.kindField}: ${t.intake.kindLabels[state.kind]}`] : [];
  for (const f of state.kind ? FIELDS_BY_KIND[state.kind] : []) {
    const value = state.answers[f];
    if (value === undefined && FIELD_SPECS[f].optional && state.mode === "staff") continue;
    lines.push(`${t.fields[f]!.label}: ${value ?? t.intake.notGiven}`);
  }
  return lines;
}

const at = (state: IntakeState, stage: IntakeStage): IntakeState => ({ ...state, stage });

/** Moves to the next unanswered field, or to the keluhan, or back to the summary when editing. */
function afterField(state: IntakeState): IntakeState {
  if (state.editing) return at({ ...state, editing: false }, { at: "summary" });
  const next = fieldsOf(state).find((f) => !(f in state.answers));
  if (next) return at(state, { at: "field", field: next });
  return state.keluhan.length ? at(state, { at: "summary" }) : at(state, { at: "keluhan" });
}

/** The next question, with anything to say first (an error, "resuming") in the same message. */
function ask(state: IntakeState, before: string[] = []): IntakeStep {
  const prompt = promptFor(state);
  return { state, replies: [before.length ? { ...prompt, text: [...before, prompt.text].join("\n\n") } : prompt] };
}

/** What the intake needs from configuration. */
export interface IntakeSettings {
  /** The crisis hotline named to a client who declines (SEJIWA 119 ext. 8 by default). */
  hotline: string;
}

/** Applies one input to the intake. */
export function stepIntake(state: IntakeState, input: IntakeInput, settings: IntakeSettings): IntakeStep {
  const t = messagesFor(state.locale);

  if (input.type === "cancel") return { state: null, replies: [textMessage(t.intake.cancelled)], event: { type: "cancelled" } };
  if (input.type === "language") {
    const switched = { ...state, locale: input.locale };
    return ask(switched, [messagesFor(input.locale).intake.languageSwitched]);
  }
  if (input.type === "start") return ask(state, [t.intake.resume]);

  const text = input.type === "text" ? input.text.trim() : "";
  const chosen = input.type === "choice" ? input.action : null;
  if (input.type === "text" && input.text.length > MAX_MESSAGE_CHARS) {
    return ask(state, [t.intake.tooLong({ max: MAX_MESSAGE_CHARS })]);
  }

  switch (state.stage.at) {
    case "consent": {
      const yes = (chosen?.kind === "consent" && chosen.agree) || /^(ya|setuju|iya|yes|i agree|agree|ok)$/i.test(text);
      const no = (chosen?.kind === "consent" && !chosen.agree) || /^(tidak|tidak setuju|no|i do not agree)$/i.test(text);
      if (yes) {
        // Linking to a case staff registered: consent is all that is asked here.
        if (state.mode === "link") return { state: null, replies: [], event: { type: "consent_given" } };
        const next = state.kinds.length === 1 ? afterField({ ...state, kind: state.kinds[0] }) : at(state, { at: "kind" });
        return { ...ask(next), event: { type: "consent_given" } };
      }
      if (no) return { state: null, replies: [textMessage(t.intake.consentRefused({ hotline: settings.hotline }))], event: { type: "consent_refused" } };
      return ask(state, [t.intake.consentAskAgain]);
    }

    case "kind": {
      const typed = state.kinds.find((k) => k === text.toLowerCase() || (t.intake.kindLabels[k] ?? "").toLowerCase() === text.toLowerCase());
      const kind = chosen?.kind === "client_kind" ? state.kinds.find((k) => k === chosen.clientKind) : typed;
      if (!kind) return ask(state, [t.intake.kindAskAgain]);
      // Changing kind drops the answers that belong to the other kind.
      const kept = Object.fromEntries(Object.entries(state.answers).filter(([f]) => FIELDS_BY_KIND[kind].includes(f as FieldId)));
      return ask(afterField({ ...state, kind, answers: kept }));
    }

    case "field": {
      const spec = FIELD_SPECS[state.stage.field];
      const answer = chosen?.kind === "field_answer" ? chosen.answer : text;
      if (spec.optional && (chosen?.kind === "skip_field" || /^(lewati|skip|-)$/i.test(text))) {
        return ask(afterField({ ...state, answers: { ...state.answers, [spec.id]: null } }));
      }
      const normalised = answer ? spec.normalise(answer) : null;
      const allowed = !spec.choicesOnly || (normalised !== null && (spec.choices ?? []).includes(normalised));
      if (!normalised || !allowed) return ask(state, [t.fields[spec.id]!.error]);
      return ask(afterField({ ...state, answers: { ...state.answers, [spec.id]: normalised } }));
    }

    case "keluhan": {
      if (chosen?.kind === "keluhan_done" || (input.type === "text" && /^(selesai|done)$/i.test(text))) {
        if (state.keluhan.length === 0) return ask(state, [t.intake.keluhanEmpty]);
        const total = state.keluhan.join("\n").length;
        if (total > MAX_KELUHAN_CHARS) return ask({ ...state, keluhan: [] }, [t.intake.keluhanTooLong({ max: MAX_KELUHAN_CHARS })]);
        return ask(at({ ...state, editing: false }, { at: "summary" }));
      }
      if (!text) return ask(state);
      const keluhan = [...state.keluhan, text];
      const b = messagesFor(state.locale).buttons;
      return {
        state: { ...state, keluhan },
        replies: [textMessage(t.intake.keluhanMore({ parts: keluhan.length }), { buttons: [choice(b.done, buttonAction.keluhanDone())] })],
      };
    }

    case "summary": {
      if (chosen?.kind === "send_summary" || /^(kirim|send)$/i.test(text)) {
        return {
          state: null,
          replies: [],
          event: { type: "submitted", kind: state.kind!, answers: state.answers, keluhan: state.keluhan.join("\n") },
        };
      }
      if (chosen?.kind === "change_summary" || /^(ubah|change)$/i.test(text)) return ask(at(state, { at: "edit_pick" }));
      return ask(state);
    }

    case "edit_pick": {
      if (chosen?.kind === "edit_back") return ask(at(state, { at: "summary" }));
      if (chosen?.kind === "edit_keluhan") return ask(at({ ...state, keluhan: [], editing: true }, { at: "keluhan" }));
      const field = chosen?.kind === "edit_field" ? fieldsOf(state).find((f) => f === chosen.field) : undefined;
      if (field) return ask(at({ ...state, editing: true }, { at: "field", field }));
      return ask(state);
    }
  }
}
