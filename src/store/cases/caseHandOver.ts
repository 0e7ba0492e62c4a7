// A hand-over (Keterkaitan): a case on one SOP opens a case on another for the same client (a BK case handed over
// to SOP Terapi), without a second intake: the new case starts its first step with the client's registration and
// counsellor, names the case it continues, and both cases' audit trails say so, in the caller's transaction.
import type { CaseSnapshot } from "../../core/caseTypes.ts";
import type { FlowContext } from "../../flows/flowSchema.ts";
import { recordAudit } from "../auditTrail.ts";
import type { Tx } from "../database.ts";
import { handedOverTo, type LinkedCase } from "./caseLinks.ts";
import { ConcurrentChangeError, openCaseInTx } from "./caseSnapshots.ts";

export type HandOverResult = { ok: true; opened: CaseSnapshot } | { ok: false; existing: LinkedCase };

/**
 * Opens the linked case on `target` for the client of `fromCaseId`, once: a second hand-over to the same flow
 * answers with the case opened the first time. The source case's version is bumped so that two hand-overs at
 * the same moment cannot both open one (the later is retried and finds the first).
 */
export async function handOverCase(tx: Tx, target: FlowContext, p: { fromCaseId: string; stepId: string; actorId: string; at: Date }): Promise<HandOverResult> {
  const existing = await handedOverTo(tx, { fromCaseId: p.fromCaseId, flowId: target.flow.id });
  if (existing) return { ok: false, existing };
  const source = await tx.case.findUniqueOrThrow({
    where: { id: p.fromCaseId },
    select: { id: true, number: true, flowId: true, clientId: true, counsellorId: true, intakeJson: true, version: true },
  });
  const claimed = await tx.case.updateMany({ where: { id: source.id, version: source.version }, data: { version: source.version + 1 } });
  if (claimed.count !== 1) throw new ConcurrentChangeError(source.id);
  const opened = await openCaseInTx(tx, target, {
    clientId: source.clientId,
    counsellorId: source.counsellorId,
    // The client's registration (biodata, complaint) as the first case took it: no second intake.
    intakeJson: source.intakeJson,
    linkedFromId: source.id,
    at: p.at,
  });
  await recordAudit(tx, {
    type: "case_handed_over",
    at: p.at,
    actorId: p.actorId,
    caseId: source.id,
    data: { stepId: p.stepId, toCaseId: opened.id, toFlowId: target.flow.id },
  });
  await recordAudit(tx, {
    type: "case_opened_from",
    at: p.at,
    actorId: p.actorId,
    caseId: opened.id,
    data: { fromCaseId: source.id, fromFlowId: source.flowId },
  });
  return { ok: true, opened };
}

/** The ready documents of a case, oldest first: what a hand-over carries to the new case's counsellor. */
export async function readyDocumentsOf(tx: Tx, caseId: string): Promise<{ id: string; kind: string; title: string; mimeType: string }[]> {
  return tx.document.findMany({
    where: { caseId, status: "ready" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, title: true, mimeType: true },
  });
}
