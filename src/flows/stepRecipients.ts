// Who hears of a step besides the role that acts next, as the flow file says: the tembusan (`cc`: a copy of
// the step's text and document, without buttons, to a role the SOP sends it "kepada" that does not act next),
// the roles a step's document goes to besides the next actor (`document_to`, "klien" being the case's client),
// the documents that travel with it (`attach`) and whether the client is told when the step starts
// (`tell_client`: a milestone, not the internal reporting chain). Checked by the loader against the
// organisation's roles and the flow's own steps.
import { z } from "zod";
import { STEP_DOCUMENT_KINDS } from "../documents/documentKinds.ts";
import type { DocumentKind } from "../documents/documentTypes.ts";
import { UPLOAD_KIND_IDS, type UploadKind } from "../documents/uploadKinds.ts";
import { ACTION_KINDS, documentOf, type ActionKind } from "./actionKinds.ts";
import type { FlowProblem } from "./flowProblem.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, - and _");

/** The client's pseudo-role (flowSchema.ts's CLIENT_ROLE; repeated to keep this file free of the schema). */
const CLIENT = "klien";

/** What a step may attach: a generated document or an uploaded one. */
export type AttachableKind = DocumentKind | UploadKind;

/** The step fields this file reads and checks (spread into the step schema of flowSchema.ts). */
export const stepRecipientFields = {
  /** Tembusan: roles that get a copy of the step's text and document when it is done, without buttons. */
  cc: z.array(id).min(1).optional(),
  /** Roles that receive the step's document besides whoever acts next ("klien": the case's client). */
  document_to: z.array(id).min(1).optional(),
  /** Documents (made or uploaded earlier on the case) sent with the step's document, e.g. what a Nota Dinas covers. */
  attach: z
    .array(z.enum([...STEP_DOCUMENT_KINDS, ...UPLOAD_KIND_IDS] as [AttachableKind, ...AttachableKind[]]))
    .min(1)
    .optional(),
  /** Whether the client is told when this step starts (their counsellor, an appointment); default: not told. */
  tell_client: z.boolean().optional(),
};

/** What the rules read of a step. */
interface StepLike {
  id: string;
  role: string;
  action: ActionKind;
  next?: string | Record<string, string> | undefined;
  document?: DocumentKind | undefined;
  upload?: UploadKind | undefined;
  cc?: string[] | undefined;
  document_to?: string[] | undefined;
  attach?: string[] | undefined;
  tell_client?: boolean | undefined;
}

/** The tembusan roles of a step (none when the file names none). */
export function copyRolesOf(step: Pick<StepLike, "cc">): string[] {
  return step.cc ?? [];
}

/** Whether the client hears that this step has started. */
export function tellsClient(step: Pick<StepLike, "tell_client" | "role">): boolean {
  return step.tell_client === true && step.role !== CLIENT;
}

/** The roles of the steps a step can lead to (whoever acts next on some outcome). */
function nextRoles(step: StepLike, steps: readonly StepLike[]): Map<string, string> {
  const targets = step.next === undefined ? [] : typeof step.next === "string" ? [step.next] : Object.values(step.next);
  const roles = new Map<string, string>();
  for (const target of targets) {
    const s = steps.find((x) => x.id === target);
    if (s && !roles.has(s.role)) roles.set(s.role, s.id);
  }
  return roles;
}

/** The cc, document_to, attach and tell_client of every step against the organisation's roles and the flow. */
export function checkStepRecipients(steps: readonly StepLike[], roleIds: readonly string[]): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const known = (role: string) => role === CLIENT || roleIds.includes(role);
  const produced = new Set<string>(steps.flatMap((s): string[] => [documentOf(s), s.upload].filter((k) => k !== undefined)));
  for (const step of steps) {
    const add = (reason: string) => problems.push({ step: step.id, reason });
    const next = nextRoles(step, steps);
    for (const role of step.cc ?? []) {
      if (role === CLIENT) add(`cc names "${CLIENT}": the client is told through tell_client, never copied on the unit's reports`);
      else if (!known(role)) add(`cc names "${role}", which is not a role of the organisation (roles: ${roleIds.join(", ")})`);
      else if (role === step.role) add(`cc names "${role}", the step's own role`);
      else if (next.has(role)) add(`cc names "${role}", which acts next (step ${next.get(role)}): it gets the task, not a copy`);
    }
    const makesDocument = documentOf(step) !== undefined || step.upload !== undefined;
    for (const role of step.document_to ?? []) {
      if (!known(role)) add(`document_to names "${role}", which is not a role of the organisation (roles: ${roleIds.join(", ")})`);
    }
    if (step.document_to && !makesDocument) add("document_to without a document: name one under document (or upload)");
    for (const kind of step.attach ?? []) {
      if (!produced.has(kind)) add(`attach names "${kind}", which no step of this flow makes (document) or asks for (upload)`);
    }
    if (step.attach && documentOf(step) === undefined) add("attach without a document to attach it to: name one under document");
    if (step.tell_client && step.role === CLIENT) add("tell_client on the client's own step: its task already goes to the client");
    if (step.tell_client && ACTION_KINDS[step.action].exits === "end") add("tell_client on the archive step: the client is always told when the case closes");
  }
  return problems;
}
