// The shape of the files in flows/: one SOP per file, plus flows/organisations.yaml.
// These files are meant to be proofread by a unit head, so the schema stays close to the SOP table:
// No. | Kegiatan | Pelaksana | Kelengkapan | Waktu | Output, plus what kind of action and where next.
import { z } from "zod";
import { parseDuration } from "../core/duration.ts";
import { INTAKE_DOCUMENT_KINDS, STEP_DOCUMENT_KINDS } from "../documents/documentKinds.ts";
import { UPLOAD_KIND_IDS } from "../documents/uploadKinds.ts";
import { ACTION_KIND_IDS, type ActionKind } from "./actionKinds.ts";
import { compileFlow, type FlowLookups } from "./compiledFlow.ts";
import { handOverSchema } from "./handOvers.ts";
import type { OrganisationDef } from "./organisationSchema.ts";
import { requiredQualificationsSchema } from "./qualifications.ts";
import { registrationFields } from "./registrationSteps.ts";
import { clockAnchorFields } from "./stepClockAnchor.ts";
import { stepRecipientFields } from "./stepRecipients.ts";

export { ACTION_KIND_IDS, type ActionKind };

/** The pseudo-role for the case's own client (the praja, pegawai or klien). */
export const CLIENT_ROLE = "klien";

const durationText = z.string().refine((s) => parseDuration(s) !== null, {
  message: 'not a duration: use a number and a unit, e.g. "15m", "2h", "1d" (or "15 menit", "1 hari")',
});

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, - and _");

/** The fields every step has, whatever its kind of action. */
const stepFields = z.strictObject({
  id,
  /** The SOP's own number as printed ("3"; a repeated number keeps its number, the id tells them apart). */
  no: z.string().min(1),
  /** The SOP's Indonesian activity text (Kegiatan). */
  activity: z.string().min(1),
  /** English gloss for the second locale. */
  activity_en: z.string().min(1).optional(),
  /** Pelaksana: who acts. */
  role: id,
  /** Kelengkapan: required inputs. */
  inputs: z.array(z.string().min(1)).default([]),
  /** Waktu: the time standard. */
  time: durationText,
  /** How the deadline is counted: within working hours, or on the wall clock. */
  clock: z.enum(["working", "calendar"]).optional(),
  /** Output document or result. */
  output: z.string().min(1),
  /** Next step: one id, or outcome -> step id where the SOP branches. Absent only on archive steps. */
  next: z.union([id, z.record(id, id)]).optional(),
  /** The actor writes the step's text (a plan, a report) when recording it; it travels to the next actor. */
  writes: z.boolean().optional(),
  /**
   * The SOP document this step produces when done (disposisi steps produce a Disposisi without saying so):
   * generated as PDF, archived on the case and sent to whoever acts next.
   */
  document: z.enum(STEP_DOCUMENT_KINDS).optional(),
  /** Where the document's text comes from: another step's written text (default: this step's note). */
  document_text_from: id.optional(),
  /**
   * The step's result is an SOP document written elsewhere (src/documents/uploadKinds.ts): the actor sends it as a
   * file in chat; it is archived on the case and sent on like a generated one.
   */
  upload: z.enum(UPLOAD_KIND_IDS).optional(),
  /** Who hears of the step besides the next actor: cc, document_to, attach, tell_client (src/flows/stepRecipients.ts). */
  ...stepRecipientFields,
  /** A walk-in registration records this step done (src/flows/registrationSteps.ts). */
  ...registrationFields,
  /** Where the step's clock starts (src/flows/stepClockAnchor.ts). */
  ...clockAnchorFields,
  /** Kualifikasi Pelaksana: only a holder of one of these (the organisation's qualification ids) gets and records the step. */
  requires_qualification: requiredQualificationsSchema.optional(),
  /** Outcome labels for decision steps, in Indonesian (button texts). */
  labels: z.record(id, z.string().min(1)).optional(),
  /** A note on how the seed was interpreted, for the proofreader. */
  note: z.string().optional(),
});

/** The shape of a step of one kind: the common fields, with `action` naming the kind. */
function stepOfKind<K extends ActionKind>(kind: K) {
  return stepFields.extend({ action: z.literal(kind) });
}
type StepSchemaOf<K extends ActionKind> = ReturnType<typeof stepOfKind<K>>;

/** One step shape per action kind (src/flows/actionKinds.ts): a kind missing here is a compile error. */
const STEP_SCHEMAS: { [K in ActionKind]: StepSchemaOf<K> } = {
  form: stepOfKind("form"),
  message: stepOfKind("message"),
  approval: stepOfKind("approval"),
  disposisi: stepOfKind("disposisi"),
  schedule: stepOfKind("schedule"),
  external: stepOfKind("external"),
  decision: stepOfKind("decision"),
  archive: stepOfKind("archive"),
};

/** A step: a union told apart by `action`, so `step.action === "archive"` narrows and switches can be exhaustive. */
export const stepSchema = z.discriminatedUnion(
  "action",
  ACTION_KIND_IDS.map((kind) => STEP_SCHEMAS[kind]) as [StepSchemaOf<ActionKind>, ...StepSchemaOf<ActionKind>[]],
  { error: (issue) => (issue.code === "invalid_union" ? `Invalid option: expected one of ${ACTION_KIND_IDS.map((k) => `"${k}"`).join("|")}` : undefined) },
);

/** The fields of a flow file. */
const flowFields = z.strictObject({
  id,
  title: z.string().min(1),
  title_en: z.string().min(1).optional(),
  organisation: id,
  /** The source document this file transcribes. */
  source: z.string().min(1),
  /** Which kinds of client open a case on this flow from intake (praja, pegawai, klien); empty = staff only. */
  clients: z.array(id).default([]),
  /** Which kinds of client staff may register on this flow from chat (/kasusbaru): walk-ins, referrals. */
  staff_opens_for: z.array(id).default([]),
  /** The registration form the intake makes for a case on this flow (PUSPAGA's Form Registrasi, IPDN's Formulir Pendaftaran). */
  registration_document: z.enum(INTAKE_DOCUMENT_KINDS).default("formulir_pendaftaran"),
  /** Default clock for steps that do not say. */
  clock: z.enum(["working", "calendar"]).default("working"),
  /** Keterkaitan: flows this one's cases may be handed over to, and from which steps (src/flows/handOvers.ts). */
  hands_over_to: z.array(handOverSchema).default([]),
  steps: z.array(stepSchema).min(1),
});

/** A flow file, checked and compiled: its data plus the lookups callers need (see compiledFlow.ts). */
export const flowSchema = flowFields.transform((data): Flow => compileFlow<Step, FlowData>(data));

// The organisation part (roles, escalation, working calendar) has its own file; re-exported for existing imports.
export {
  calendarSchema,
  organisationSchema,
  organisationsFileSchema,
  roleSchema,
  type OrganisationDef,
  type Role,
  type WorkingCalendar,
} from "./organisationSchema.ts";

export type Step = z.infer<typeof stepSchema>;
/** A flow file's data as written. */
export type FlowData = z.infer<typeof flowFields>;
/** A loaded flow: its data and its lookups. */
export type Flow = FlowData & FlowLookups<Step>;

/** The outcome -> next step map of a step, whatever form the file used. */
export function transitionsOf(step: Step): Record<string, string> {
  if (step.next === undefined) return {};
  return typeof step.next === "string" ? { done: step.next } : step.next;
}

/** A flow with the organisation it runs in: what the engine, the store and the dialogs work on. */
export interface FlowContext {
  flow: Flow;
  organisation: OrganisationDef;
}
