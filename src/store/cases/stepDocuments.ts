// Which SOP document a finished step produces and who receives it: the request is recorded in the event's
// transaction; the document worker (src/jobs/documentWorker.ts) renders and sends it afterwards.
import { rolesThatMayAct } from "../../core/advanceCase.ts";
import type { CaseSnapshot, Effect } from "../../core/caseTypes.ts";
import { documentOf, endsFlow } from "../../flows/actionKinds.ts";
import { CLIENT_ROLE, type FlowContext } from "../../flows/flowSchema.ts";
import type { Tx } from "../database.ts";
import { requestDocument } from "../documentRequests.ts";

/** A step that produces an SOP document asks for it now; the document worker renders and sends it. */
export async function requestStepDocument(tx: Tx, ctx: FlowContext, c: CaseSnapshot, effect: Extract<Effect, { kind: "finish_step" }>, stepRunId: string) {
  const step = ctx.flow.step(effect.stepId);
  if (!step || effect.outcome === "revise") return;
  const kind = documentOf(step);
  if (!kind) return;
  const next = ctx.flow.next(step, effect.outcome);
  const toRoles = new Set(next ? rolesThatMayAct(next) : []);
  // A disposisi is archived by the archive step's role: they receive it too.
  if (kind === "disposisi") for (const s of ctx.flow.steps.filter(endsFlow)) toRoles.add(s.role);
  // It also answers the Nota Dinas that went up: whoever sent one gets a copy (not named on it).
  const ccRoles = kind === "disposisi" ? [...new Set(ctx.flow.steps.filter((x) => documentOf(x) === "nota_dinas").map((x) => x.role))].filter((r) => !toRoles.has(r)) : [];
  await requestDocument(tx, {
    caseId: c.id,
    createdBy: effect.actorId,
    at: effect.at,
    spec: {
      kind,
      stepRunId,
      textFromStepId: step.document_text_from,
      toRoles: [...toRoles].filter((r) => r !== CLIENT_ROLE),
      ccRoles,
      // The Nota Dinas goes out in its signatory's name: they keep a copy of what was sent.
      toPersonIds: kind === "nota_dinas" && effect.actorId ? [effect.actorId] : [],
      attachKinds: kind === "nota_dinas" ? ["laporan_tertulis"] : undefined,
    },
  });
}
