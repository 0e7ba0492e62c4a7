// Which SOP document a finished step produces and who receives it: the request is recorded in the event's
// transaction; the document worker (src/jobs/documentWorker.ts) renders (or, for an uploaded one, fetches) and
// sends it afterwards. Who receives it: whoever acts next, the roles the flow adds (`document_to`, the client
// among them), the tembusan (`cc`, named on it as such) and, for a Disposisi, its archivist and whoever sent the
// Nota Dinas it answers.
import { rolesThatMayAct } from "../../core/advanceCase.ts";
import type { CaseSnapshot, Effect } from "../../core/caseTypes.ts";
import type { DocumentKind } from "../../documents/documentTypes.ts";
import type { UploadKind } from "../../documents/uploadKinds.ts";
import { documentOf, endsFlow, REFUSE_OUTCOME } from "../../flows/actionKinds.ts";
import { CLIENT_ROLE, type FlowContext, type Step } from "../../flows/flowSchema.ts";
import { copyRolesOf } from "../../flows/stepRecipients.ts";
import type { Tx } from "../database.ts";
import { requestDocument } from "../documentRequests.ts";

/** A step that produces an SOP document (or asks for an uploaded one) asks for it now; the document worker does the rest. */
export async function requestStepDocument(tx: Tx, ctx: FlowContext, c: CaseSnapshot, effect: Extract<Effect, { kind: "finish_step" }>, stepRunId: string) {
  const step = ctx.flow.step(effect.stepId);
  // Sent back or refused: nothing was produced to send on.
  if (!step || effect.outcome === "revise" || effect.outcome === REFUSE_OUTCOME) return;
  const next = ctx.flow.next(step, effect.outcome);
  // Whoever acts next receives it (not the client's own next step: the client gets a document only where the flow says so).
  const receivers = [...(next ? rolesThatMayAct(next).filter((r) => r !== CLIENT_ROLE) : []), ...(step.document_to ?? [])];
  const copyRoles = copyRolesOf(step);
  if (step.upload && effect.attachmentRef) {
    await requestDocument(tx, {
      caseId: c.id,
      createdBy: effect.actorId,
      at: effect.at,
      spec: { kind: step.upload, upload: { ref: effect.attachmentRef }, stepRunId, toRoles: unique(receivers), copyRoles, toPersonIds: [] },
    });
  }
  const kind = documentOf(step);
  if (!kind) return;
  const toRoles = new Set(receivers);
  // A disposisi is archived by the archive step's role: they receive it too.
  if (kind === "disposisi") for (const s of ctx.flow.steps.filter(endsFlow)) toRoles.add(s.role);
  // It also answers the Nota Dinas that went up: whoever sent one gets a copy (not named on it).
  const ccRoles =
    kind === "disposisi" ? [...new Set(ctx.flow.steps.filter((x) => documentOf(x) === "nota_dinas").map((x) => x.role))].filter((r) => !toRoles.has(r)) : [];
  await requestDocument(tx, {
    caseId: c.id,
    createdBy: effect.actorId,
    at: effect.at,
    spec: {
      kind,
      stepRunId,
      textFromStepId: step.document_text_from,
      toRoles: [...toRoles],
      ccRoles,
      copyRoles,
      // The Nota Dinas goes out in its signatory's name: they keep a copy of what was sent.
      toPersonIds: kind === "nota_dinas" && effect.actorId ? [effect.actorId] : [],
      attachKinds: attachmentsOf(ctx, step, kind),
    },
  });
}

/**
 * What travels with the document: what the flow lists under `attach`; without it, a Nota Dinas carries the document
 * its text's step made (the report it covers).
 */
function attachmentsOf(ctx: FlowContext, step: Step, kind: DocumentKind): (DocumentKind | UploadKind)[] | undefined {
  if (step.attach) return step.attach;
  if (kind !== "nota_dinas" || !step.document_text_from) return undefined;
  const source = ctx.flow.step(step.document_text_from);
  const covered = source ? documentOf(source) : undefined;
  return covered ? [covered] : undefined;
}

function unique(roles: string[]): string[] {
  return [...new Set(roles)];
}
