// Who presses a step's button, as the policy asks about them: their roles and Kualifikasi Pelaksana in the case's
// organisation, and the case with what its counsellor is qualified for; and, when a press is refused because the
// step requires a qualification they lack, the sentence that says which one.
import type { Actor } from "../core/caseTypes.ts";
import { missingQualifications } from "../core/policy.ts";
import { stepActQuestion } from "../core/stepActQuestion.ts";
import type { Step } from "../flows/flowSchema.ts";
import { qualificationLabels } from "../flows/qualifications.ts";
import { qualificationTextsFor } from "../i18n/qualifications.ts";
import type { CaseSummary } from "../store/cases/caseSummaries.ts";
import { qualificationsOf } from "../store/staffQualifications.ts";
import { localeOf, type Turn } from "./dialogContext.ts";

/** The presser as the engine's actor, and the case as the policy needs it. */
export interface PresserOnCase {
  actor: Actor;
  snapshot: { orgId: string; clientId: string; counsellorId: string | null; counsellorQualifications: readonly string[] };
}

/** The sender's roles and qualifications in the case's organisation, and the counsellor's qualifications. */
export async function presserOnCase(turn: Turn, c: Pick<CaseSummary, "orgId" | "clientId" | "counsellorId">): Promise<PresserOnCase> {
  const inOrg = <T extends { orgId: string }>(list: readonly T[] | undefined) => (list ?? []).filter((x) => x.orgId === c.orgId);
  const actor: Actor = {
    personId: turn.sender?.personId ?? "",
    roles: inOrg(turn.sender?.roles).map((r) => r.role),
    qualifications: inOrg(turn.sender?.qualifications).map((q) => q.id),
  };
  const counsellorQualifications = c.counsellorId ? await qualificationsOf(turn.tx, { personId: c.counsellorId, orgId: c.orgId }) : [];
  return { actor, snapshot: { orgId: c.orgId, clientId: c.clientId, counsellorId: c.counsellorId, counsellorQualifications } };
}

/** The refusal for a presser who holds the step's role but not a qualification it requires; null otherwise. */
export function notQualifiedText(turn: Turn, p: { step: Step; caseNo: number; presser: PresserOnCase }): string | null {
  const missing = missingQualifications(stepActQuestion(p.step, p.presser.actor, p.presser.snapshot));
  if (missing.length === 0) return null;
  const locale = localeOf(turn);
  const org = turn.deps.flows.organisations.get(p.presser.snapshot.orgId);
  return qualificationTextsFor(locale).notQualified({ caseNo: p.caseNo, stepNo: p.step.no, required: qualificationLabels(org, missing, locale) });
}
