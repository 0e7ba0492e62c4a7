// The intake as a form to fill in by reply, for channels where a question-by-question chat would be a long
// exchange of messages (email): the consent text and every field at once; the reply is parsed into the
// same fields with the same rules, and whatever is missing or invalid is asked again with the rest kept.
// Pure: (state, reply text) → (state, what to say, event).
import { consentText } from "./consentText.ts";
import { messagesFor, type Locale } from "../../i18n/index.ts";
import { en } from "../../i18n/en.ts";
import { id } from "../../i18n/id.ts";
import { FIELDS_BY_KIND, FIELD_SPECS, MAX_KELUHAN_CHARS, type ClientKind, type FieldId } from "./intakeFields.ts";

export interface FormIntakeState {
  dialog: "form_intake";
  orgId: string;
  orgName: string;
  kinds: ClientKind[];
  locale: Locale;
  consented: boolean;
  kind?: ClientKind;
  answers: Partial<Record<FieldId, string | null>>;
  keluhan: string;
  /** How many replies were read; after a few the form says how to reach a person instead. */
  rounds: number;
  /** The unit's data protection contact, named in the consent text (absent in a state saved before it was). */
  privacyContact?: string;
}

export type FormEvent =
  | { type: "consent_given" }
  | { type: "consent_refused" }
  | { type: "submitted"; kind: ClientKind; answers: Partial<Record<FieldId, string | null>>; keluhan: string };

export interface FormStep {
  state: FormIntakeState | null;
  /** Texts to send back, in order (the form itself included). */
  replies: string[];
  events: FormEvent[];
}

/** A new form intake; the first message's text (when it is not a filled form) is kept as the complaint draft. */
export function newFormIntake(p: { orgId: string; orgName: string; kinds: ClientKind[]; locale: Locale; privacyContact?: string }): FormIntakeState {
  return { dialog: "form_intake", ...p, consented: false, answers: {}, keluhan: "", rounds: 0 };
}

const norm = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, " ")
    .trim();

/** Every name a field goes by in the form, in both languages (plus its id). */
function labelIndex(): Map<string, FieldId | "kind" | "keluhan" | "consent"> {
  const index = new Map<string, FieldId | "kind" | "keluhan" | "consent">();
  for (const t of [id, en]) {
    for (const f of Object.keys(FIELD_SPECS) as FieldId[]) index.set(norm(t.fields[f]!.label), f);
    index.set(norm(t.intake.kindField), "kind");
    index.set(norm(t.intake.keluhanLabel), "keluhan");
    index.set(norm(t.form.consentLabel), "consent");
  }
  for (const f of Object.keys(FIELD_SPECS)) index.set(norm(f), f as FieldId);
  index.set("jenis", "kind");
  index.set("keluhan", "keluhan");
  return index;
}
const LABELS = labelIndex();
/** A line on its own that consents or refuses (deliberately strict: a stray "ya" in a story is not consent). */
const YES = /^(setuju|saya setuju|i agree|agree)[.!]?$/i;
const NO = /^(tidak setuju|saya tidak setuju|i do not agree|i don't agree|disagree)[.!]?$/i;
/** On the consent line itself, a plain yes or no is enough. */
const YES_ON_LINE = /^(setuju|saya setuju|ya|iya|yes|i agree|agree)[.!]?$/i;
const NO_ON_LINE = /^(tidak setuju|tidak|no|i do not agree|disagree)[.!]?$/i;

export interface ParsedForm {
  consent?: boolean;
  kind?: string;
  fields: Partial<Record<FieldId, string>>;
  keluhan?: string;
  /** Lines that were none of the above (the free text of a first email). */
  rest: string;
}

/** Reads "Label: value" lines; "Keluhan:" takes everything after it; a line "SETUJU" is consent. */
export function parseFormReply(text: string): ParsedForm {
  const out: ParsedForm = { fields: {}, rest: "" };
  const rest: string[] = [];
  const lines = text.replace(/\r/g, "").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    if (YES.test(line)) {
      out.consent = true;
      continue;
    }
    if (NO.test(line)) {
      out.consent = false;
      continue;
    }
    const m = /^([^:]{1,40}):\s*(.*)$/.exec(line);
    // "Jenis klien (Praja / Pegawai)", "Nomor HP (opsional)": the part in brackets is only a hint.
    const key = m ? LABELS.get(norm(m[1]!.replace(/\([^)]*\)/g, ""))) : undefined;
    if (!m || !key) {
      rest.push(line);
      continue;
    }
    const value = m[2]!.trim();
    if (key === "keluhan") {
      out.keluhan = [value, ...lines.slice(i + 1)].join("\n").trim();
      break;
    }
    if (key === "consent") {
      if (YES_ON_LINE.test(value)) out.consent = true;
      else if (NO_ON_LINE.test(value)) out.consent = false;
    } else if (key === "kind") {
      if (value) out.kind = value;
    } else if (value && !/^[-_.…]+$/.test(value)) out.fields[key] = value;
  }
  out.rest = rest.join("\n");
  return out;
}

function kindFrom(raw: string | undefined, kinds: ClientKind[]): ClientKind | undefined {
  if (!raw) return kinds.length === 1 ? kinds[0] : undefined;
  const r = norm(raw);
  return kinds.find((k) => r === k || r.startsWith(k) || norm(id.intake.kindLabels[k] ?? "") === r || norm(en.intake.kindLabels[k] ?? "").startsWith(r));
}

/** Applies one reply; returns what to say next (the form again with what is missing, or nothing when done). */
export function stepFormIntake(state: FormIntakeState, text: string, settings: { hotline: string; telegramLink?: string }): FormStep {
  const t = messagesFor(state.locale);
  const parsed = parseFormReply(text);
  const events: FormEvent[] = [];
  if (parsed.consent === false) {
    return { state: null, replies: [t.intake.consentRefused({ hotline: settings.hotline })], events: [{ type: "consent_refused" }] };
  }
  const next: FormIntakeState = { ...state, answers: { ...state.answers }, rounds: state.rounds + 1 };
  if (parsed.consent && !state.consented) {
    next.consented = true;
    events.push({ type: "consent_given" });
  }
  next.kind = kindFrom(parsed.kind, state.kinds) ?? state.kind;
  const problems: string[] = [];
  if (parsed.kind && !kindFrom(parsed.kind, state.kinds))
    problems.push(t.form.kindProblem({ kinds: state.kinds.map((k) => t.intake.kindLabels[k] ?? k).join(" / ") }));
  for (const [field, raw] of Object.entries(parsed.fields) as [FieldId, string][]) {
    const spec = FIELD_SPECS[field];
    if (spec.optional && /^(lewati|skip|-|tidak ada|none)$/i.test(raw)) {
      next.answers[field] = null;
      continue;
    }
    const value = spec.normalise(raw);
    const allowed = value !== null && (!spec.choicesOnly || (spec.choices ?? []).includes(value));
    if (allowed) next.answers[field] = value;
    else problems.push(`${t.fields[field]!.label}: ${t.fields[field]!.error}`);
  }
  const draft = parsed.keluhan ?? (state.rounds === 0 && !state.keluhan ? parsed.rest : "");
  if (draft) next.keluhan = draft.slice(0, MAX_KELUHAN_CHARS);

  const missing: string[] = [];
  if (!next.consented) missing.push(t.form.consentLabel);
  if (!next.kind) missing.push(t.intake.kindField);
  for (const f of next.kind ? FIELDS_BY_KIND[next.kind] : []) {
    if (!(f in next.answers) && !FIELD_SPECS[f].optional) missing.push(t.fields[f]!.label);
  }
  if (!next.keluhan.trim()) missing.push(t.intake.keluhanLabel);

  if (missing.length === 0 && problems.length === 0) {
    for (const f of FIELDS_BY_KIND[next.kind!]) if (!(f in next.answers)) next.answers[f] = null;
    events.push({ type: "submitted", kind: next.kind!, answers: next.answers, keluhan: next.keluhan.trim() });
    return { state: null, replies: [], events };
  }
  return { state: next, replies: [renderForm(next, { problems, missing, telegramLink: settings.telegramLink, first: state.rounds === 0 })], events };
}

/** The form as text, filled with what is known, with the problems and missing parts listed first. */
export function renderForm(state: FormIntakeState, p: { problems?: string[]; missing?: string[]; telegramLink?: string; first?: boolean }): string {
  const t = messagesFor(state.locale);
  const parts: string[] = [];
  if (p.first) parts.push(t.intake.welcome({ org: state.orgName }).split("\n")[0]!, t.form.intro);
  if (p.problems?.length) parts.push(`${t.form.problems}\n${p.problems.map((x) => `• ${x}`).join("\n")}`);
  if (p.missing?.length && !p.first) parts.push(`${t.form.missing} ${p.missing.join(", ")}.`);
  if (!state.consented) parts.push(consentText(state.locale, state.privacyContact).replace(/\n\n[^\n]*\?$/, ""), t.form.consentHow);
  const kinds = state.kinds.map((k) => t.intake.kindLabels[k] ?? k).join(" / ");
  const lines: string[] = [];
  if (!state.consented) lines.push(`${t.form.consentLabel}: `);
  if (state.kinds.length > 1) lines.push(`${t.intake.kindField} (${kinds}): ${state.kind ? (t.intake.kindLabels[state.kind] ?? state.kind) : ""}`);
  const fields = state.kind ? FIELDS_BY_KIND[state.kind] : [...new Set(state.kinds.flatMap((k) => FIELDS_BY_KIND[k]))];
  for (const f of fields) {
    const value = state.answers[f];
    const optional = FIELD_SPECS[f].optional ? ` (${t.form.optional})` : "";
    lines.push(`${t.fields[f]!.label}${optional}: ${value ?? ""}`);
  }
  lines.push(`${t.intake.keluhanLabel}: ${state.keluhan}`);
  parts.push(`${t.form.fillIn}\n\n${lines.join("\n")}`);
  if (p.telegramLink) parts.push(t.form.orTelegram({ link: p.telegramLink }));
  if (state.rounds >= 4) parts.push(t.form.stuck);
  return parts.join("\n\n");
}
