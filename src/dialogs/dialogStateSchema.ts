// The per-chat conversation states the store keeps (DialogState.stateJson), as one zod union checked every
// time a state is read, with the version it was saved at. A state saved by an older release is migrated to
// the current shape first; one that still fails the check is never cast (the chat restarts:
// src/dialogs/dialogRecovery.ts).
import { z } from "zod";
import type { IntakeState } from "./intake/intakeDialog.ts";
import { CLIENT_KINDS, FIELD_IDS } from "./intake/intakeFields.ts";
import type { FormIntakeState } from "./intake/intakeForm.ts";

export const CRISIS_HOLD = "crisis_hold" as const;

/** The stored state of a paused registration. */
export interface CrisisHoldState {
  dialog: typeof CRISIS_HOLD;
  clientId: string;
  /** The counsellors who were alerted: they receive what the client writes, and may resume. */
  counsellorIds: string[];
  /** The conversation that was paused (a chat intake, an email form), or null when none had started. */
  held: { dialog: "intake"; state: IntakeState } | { dialog: "form_intake"; state: FormIntakeState } | null;
}

/** A staff member was asked for a note (revision reason, disposisi, external result) or a file before the step is recorded. */
export interface StaffNoteState {
  dialog: "staff_note";
  stepRunId: string;
  outcome: string;
  need: "reason" | "disposisi" | "external" | "report" | "approval_note" | "upload";
  caseNo: number;
  /** The question's outbox row: on a channel that can edit, it becomes the confirmation. */
  promptOutboxId?: string;
}

/**
 * The shape states are saved in now. 1: no version field (every release before it); 2: an intake always names
 * its mode, and a paused registration's held conversation is itself a checked state.
 */
export const DIALOG_STATE_VERSION = 2;
/** The field of the saved JSON that carries the version (beside the state's own fields). */
export const STATE_VERSION_FIELD = "stateVersion";

const locale = z.enum(["id", "en"]);
const clientKind = z.enum(CLIENT_KINDS);
const answers = z.partialRecord(z.enum(FIELD_IDS), z.string().nullable());

const intakeStateSchema = z.object({
  dialog: z.literal("intake"),
  mode: z.enum(["self", "staff", "link"]),
  flowId: z.string().optional(),
  linkInviteId: z.string().optional(),
  orgId: z.string(),
  orgName: z.string(),
  kinds: z.array(clientKind),
  locale,
  stage: z.discriminatedUnion("at", [
    z.object({ at: z.literal("consent") }),
    z.object({ at: z.literal("kind") }),
    z.object({ at: z.literal("field"), field: z.enum(FIELD_IDS) }),
    z.object({ at: z.literal("keluhan") }),
    z.object({ at: z.literal("summary") }),
    z.object({ at: z.literal("edit_pick") }),
  ]),
  kind: clientKind.optional(),
  answers,
  keluhan: z.array(z.string()),
  editing: z.boolean().optional(),
  privacyContact: z.string().optional(),
}) satisfies z.ZodType<IntakeState>;

const formIntakeStateSchema = z.object({
  dialog: z.literal("form_intake"),
  orgId: z.string(),
  orgName: z.string(),
  kinds: z.array(clientKind),
  locale,
  consented: z.boolean(),
  kind: clientKind.optional(),
  answers,
  keluhan: z.string(),
  rounds: z.number().int().nonnegative(),
  privacyContact: z.string().optional(),
}) satisfies z.ZodType<FormIntakeState>;

const staffNoteStateSchema = z.object({
  dialog: z.literal("staff_note"),
  stepRunId: z.string(),
  outcome: z.string(),
  need: z.enum(["reason", "disposisi", "external", "report", "approval_note", "upload"]),
  caseNo: z.number().int(),
  promptOutboxId: z.string().optional(),
}) satisfies z.ZodType<StaffNoteState>;

const crisisHoldStateSchema = z.object({
  dialog: z.literal("crisis_hold"),
  clientId: z.string(),
  counsellorIds: z.array(z.string()),
  held: z
    .discriminatedUnion("dialog", [
      z.object({ dialog: z.literal("intake"), state: intakeStateSchema }),
      z.object({ dialog: z.literal("form_intake"), state: formIntakeStateSchema }),
    ])
    .nullable(),
}) satisfies z.ZodType<CrisisHoldState>;

/** Every conversation state a chat may have stored. */
export const dialogStateSchema = z.discriminatedUnion("dialog", [intakeStateSchema, formIntakeStateSchema, staffNoteStateSchema, crisisHoldStateSchema]);
export type DialogState = z.infer<typeof dialogStateSchema>;
export type DialogName = DialogState["dialog"];

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/** Version 1 → 2: an intake saved before walk-in registrations has no mode (it was the client's own); a held one too. */
function fromVersion1(raw: Raw): Raw {
  if (raw.dialog === "intake" && raw.mode === undefined) return { ...raw, mode: "self" };
  if (raw.dialog === "crisis_hold" && isObject(raw.held) && isObject(raw.held.state))
    return { ...raw, held: { ...raw.held, state: fromVersion1(raw.held.state) } };
  return raw;
}

/** Each step takes a state saved at version `n` to version `n + 1`. */
const MIGRATIONS: Record<number, (raw: Raw) => Raw> = { 1: fromVersion1 };

/** Why a stored state could not be read (no content: safe to log). */
export type UnreadableReason = "not_json" | "newer_version" | "invalid" | "dialog_mismatch";

export type ReadDialogState =
  | { ok: true; state: DialogState; savedVersion: number }
  | { ok: false; reason: UnreadableReason; savedVersion?: number; issues?: number };

/** Reads a saved state: its version (none: 1), migrated to the current shape, checked against the union and the row's dialog name. */
export function readDialogState(stateJson: string, dialog: string): ReadDialogState {
  let raw: unknown;
  try {
    raw = JSON.parse(stateJson);
  } catch {
    return { ok: false, reason: "not_json" };
  }
  if (!isObject(raw)) return { ok: false, reason: "invalid" };
  const saved = raw[STATE_VERSION_FIELD];
  const savedVersion = saved === undefined ? 1 : typeof saved === "number" && Number.isInteger(saved) && saved >= 1 ? saved : NaN;
  if (Number.isNaN(savedVersion)) return { ok: false, reason: "invalid" };
  if (savedVersion > DIALOG_STATE_VERSION) return { ok: false, reason: "newer_version", savedVersion };
  let current: Raw = raw;
  for (let v = savedVersion; v < DIALOG_STATE_VERSION; v++) current = MIGRATIONS[v]!(current);
  const parsed = dialogStateSchema.safeParse(current);
  if (!parsed.success) return { ok: false, reason: "invalid", savedVersion, issues: parsed.error.issues.length };
  if (parsed.data.dialog !== dialog) return { ok: false, reason: "dialog_mismatch", savedVersion };
  return { ok: true, state: parsed.data, savedVersion };
}

/** The JSON a state is saved as: its fields and the current version. */
export function writeDialogState(state: DialogState): string {
  return JSON.stringify({ ...state, [STATE_VERSION_FIELD]: DIALOG_STATE_VERSION });
}
