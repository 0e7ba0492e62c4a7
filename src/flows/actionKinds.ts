// The one registry of step action kinds: what each kind of SOP step does, declared in one place. The flow
// schema builds one step shape per kind from it, the checker reads its outcomes, the engine whether it books a
// session or ends the case, the buttons what the actor is asked to write, the store which document it makes
// and who records it. Add a kind here and `tsc` lists every place that still has to handle it.
import type { DocumentKind } from "../documents/documentTypes.ts";

/**
 * The staff role that records the work of outside parties (psikiater, unit terkait) for them. Declared here,
 * where the kinds that need it are, and re-exported by the policy, which asks the registry who may record a step.
 */
export const RECORDING_ROLE = "staf";

/**
 * Where a kind of step leads: these outcomes under `next` (the `fixed` ones always, the `optional` ones where
 * the flow file gives them); the branches the flow file lists and labels (at least two); or the end of the flow
 * (no `next`, one button that closes the case).
 */
export type StepExits = { fixed: readonly string[]; optional?: readonly string[] } | "branches" | "end";

/**
 * The outcome by which leadership says no (a referral, a therapy): asked for its reason, it goes where the
 * flow file's `next.refuse` says (back to the counsellor, or to the archive with the reason), and the recap
 * counts it. Only kinds that list it under `optional` offer it, and only where the flow file gives it a next step.
 */
export const REFUSE_OUTCOME = "refuse";

/** What a kind of step declares. */
export interface ActionKindDef {
  /** Its outcomes (the keys allowed under `next`). */
  exits: StepExits;
  /**
   * What the actor writes when recording it, asked before the step is recorded: a disposisi, the outside
   * party's result (which may be skipped, or be a file). A step with `writes: true` asks for a report whatever its kind.
   */
  asks: "disposisi" | "external" | null;
  /** Whether what it asks for is a text a later step's document can carry (`document_text_from`). */
  writesText: boolean;
  /** The document it produces when the flow file names none under `document`. */
  document: DocumentKind | null;
  /** Roles besides the step's own that may record it: an outside party's work is recorded by the unit's staff. */
  alsoRecordedBy: readonly string[];
  /** Whether starting it asks the session scheduler for a counselling session with the case's counsellor. */
  booksSession: boolean;
}

const plain = { asks: null, writesText: false, document: null, alsoRecordedBy: [], booksSession: false } as const;

export const ACTION_KINDS = {
  /** Someone fills something in (a registration, a plan). */
  form: { ...plain, exits: { fixed: ["done"] } },
  /** Someone passes something on or tells someone. */
  message: { ...plain, exits: { fixed: ["done"] } },
  /** A superior approves or sends back (with a reason). */
  approval: { ...plain, exits: { fixed: ["approve", "revise"], optional: [REFUSE_OUTCOME] } },
  /** A superior writes a directive; it becomes a Disposisi for whoever acts next. */
  disposisi: { ...plain, exits: { fixed: ["done"] }, asks: "disposisi", writesText: true, document: "disposisi" },
  /** The counsellor meets the client: a session is offered and booked. */
  schedule: { ...plain, exits: { fixed: ["done"] }, booksSession: true },
  /** An outside party (psikiater, unit terkait) works; the unit's staff may record the result for them. */
  external: { ...plain, exits: { fixed: ["done"] }, asks: "external", alsoRecordedBy: [RECORDING_ROLE] },
  /** A choice between the branches the flow file lists (e.g. PUSPAGA's four). */
  decision: { ...plain, exits: "branches" },
  /** The case is archived: the flow ends. */
  archive: { ...plain, exits: "end" },
} as const satisfies Record<string, ActionKindDef>;

/** What kind of work a step is; decides which buttons the actor gets and which outcomes exist. */
export type ActionKind = keyof typeof ACTION_KINDS;

/** Every kind, in the registry's order. */
export const ACTION_KIND_IDS = Object.keys(ACTION_KINDS) as ActionKind[];

/** The registry entry of a kind. */
export function actionKind(kind: ActionKind): ActionKindDef {
  return ACTION_KINDS[kind];
}

/** Whether a text (a stored step's action, a policy question's) names a kind in the registry. */
export function isActionKind(text: string): text is ActionKind {
  return Object.hasOwn(ACTION_KINDS, text);
}

/** The minimum of a step the rules below read. */
interface StepLike {
  action: ActionKind;
  role: string;
  next?: string | Record<string, string> | undefined;
  writes?: boolean | undefined;
  document?: DocumentKind | undefined;
  /** The step's result is a file the actor sends (src/documents/uploadKinds.ts). */
  upload?: string | undefined;
}

/** The outcomes a step's buttons offer: the end of the flow offers one ("done"), others what `next` lists. */
export function outcomesOf(step: StepLike): string[] {
  if (ACTION_KINDS[step.action].exits === "end") return ["done"];
  if (step.next === undefined) return [];
  return typeof step.next === "string" ? ["done"] : Object.keys(step.next);
}

/** Whether recording the step ends the flow (archives the case). */
export function endsFlow(step: StepLike): boolean {
  return ACTION_KINDS[step.action].exits === "end";
}

/** What the actor must write before the step is recorded with this outcome, or null (see also fileAskedFor). */
export function noteAskedFor(step: StepLike, outcome: string): "reason" | "disposisi" | "external" | "report" | null {
  if (outcome === "revise" || outcome === REFUSE_OUTCOME) return "reason";
  const asks = ACTION_KINDS[step.action].asks;
  // An outside party's result that a later document carries must be written (a file may come with it as the text's caption).
  if (asks === "external" && step.writes) return "report";
  if (asks) return asks;
  if (step.writes) return "report";
  return null;
}

/**
 * Whether the actor must send a file before the step is recorded with this outcome: an uploaded SOP document is the
 * step's result (whatever else its kind asks), unless the step is being sent back or refused.
 */
export function fileAskedFor(step: StepLike, outcome: string): "upload" | null {
  return step.upload && noteAskedFor(step, outcome) !== "reason" ? "upload" : null;
}

/** Whether the step writes a text a later document can carry. */
export function writesText(step: StepLike): boolean {
  return Boolean(step.writes) || ACTION_KINDS[step.action].writesText;
}

/** The document the step produces when done: the one the file names, else its kind's default. */
export function documentOf(step: StepLike): DocumentKind | undefined {
  return step.document ?? ACTION_KINDS[step.action].document ?? undefined;
}

/** Roles allowed to record a step: its own role, and for an outside party's work also the staff who record it. */
export function rolesThatMayRecord(step: StepLike): string[] {
  return [step.role, ...ACTION_KINDS[step.action].alsoRecordedBy.filter((role) => role !== step.role)];
}
