// Kualifikasi Pelaksana: the qualifications an organisation's SOPs ask of the people who carry them out (S1
// Psikologi, S1/S2 BK, Psikolog, Konselor min. sarjana ...). Each organisation lists its own in
// flows/organisations.yaml; a step may require one of them (`requires_qualification`), and then only a holder
// of one gets its task and may record it. Staff get theirs through the command line (`staff qualify`).
import { z } from "zod";
import type { Locale } from "../i18n/index.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "use lower-case letters, digits, - and _");

/** One qualification of an organisation's list: its id (what flow files and the command line name) and labels. */
export const qualificationSchema = z.strictObject({
  id,
  label: z.string().min(1),
  label_en: z.string().min(1).optional(),
});

/** A step's requirement: a holder of any one of these qualification ids (absent or empty: anybody holding the role). */
export const requiredQualificationsSchema = z.array(id).min(1);

export type Qualification = z.infer<typeof qualificationSchema>;

/** What the rules below read of an organisation and of a step. */
interface HasQualifications {
  qualifications?: readonly Qualification[];
}
interface StepWithRequirement {
  requires_qualification?: readonly string[] | undefined;
}

/** The qualification ids a step requires (any one of them), or [] when it requires none. */
export function requiredQualifications(step: StepWithRequirement): readonly string[] {
  return step.requires_qualification ?? [];
}

/** Whether someone holding `held` meets a requirement (an empty requirement is met by everybody). */
export function meetsRequirement(held: readonly string[] | undefined, required: readonly string[]): boolean {
  return required.length === 0 || required.some((q) => held?.includes(q) === true);
}

/** A qualification's label in the reader's language (its id when the organisation does not list it). */
export function qualificationLabel(org: HasQualifications | undefined, qualificationId: string, locale: Locale | string): string {
  const q = org?.qualifications?.find((x) => x.id === qualificationId);
  if (!q) return qualificationId;
  return locale === "en" ? (q.label_en ?? q.label) : q.label;
}

/** The labels of several qualification ids, in the order given. */
export function qualificationLabels(org: HasQualifications | undefined, ids: readonly string[], locale: Locale | string): string[] {
  return ids.map((q) => qualificationLabel(org, q, locale));
}

/** The requirements of a flow's counsellor steps (each: any one of its ids), for choosing a case's counsellor. */
export function counsellorRequirements(flow: { steps: readonly (StepWithRequirement & { role: string })[] }, counsellorRole = "konselor"): readonly string[][] {
  return flow.steps.filter((s) => s.role === counsellorRole && requiredQualifications(s).length > 0).map((s) => [...requiredQualifications(s)]);
}
