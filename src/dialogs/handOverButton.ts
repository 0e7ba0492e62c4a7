// The hand-over button on a step's task (Keterkaitan: "Serahkan ke SOP Terapi" on a BK case's report and disposisi
// steps): checked on the server like a step's button, it opens a linked case on the other SOP for the same client,
// without a second intake, and sends that case's counsellor the first case's documents. The task's own buttons stay.
import { decide } from "../core/policy.ts";
import { handOversAt } from "../flows/handOvers.ts";
import { handOverTextsFor } from "../i18n/handOver.ts";
import { messagesFor } from "../i18n/index.ts";
import { textMessage, type OutboundAttachment } from "../notify/outboundMessage.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { handOverCase, readyDocumentsOf } from "../store/cases/caseHandOver.ts";
import { handedOverTo, type LinkedCase } from "../store/cases/caseLinks.ts";
import { stepRunOnCase, type StepRunOnCase } from "../store/cases/stepRuns.ts";
import { queueToPerson } from "../store/outbox/index.ts";
import { personLocale } from "../store/people.ts";
import type { Tx } from "../store/database.ts";
import { localeOf, reply, type Turn } from "./dialogContext.ts";

async function refuse(turn: Turn, text: string, data: Record<string, unknown>, caseId: string | null): Promise<void> {
  await recordAudit(turn.tx, { type: "hand_over_refused", at: turn.now, caseId, actorId: turn.sender?.personId, data });
  turn.toast = text;
  await reply(turn, textMessage(text));
}

/** Handles a pressed hand-over button: refuses a stale, foreign or repeated press, else opens the linked case. */
export async function pressHandOver(turn: Turn, action: { stepRunId: string; flowId: string }): Promise<void> {
  // The task's step buttons stay usable: this press does not record the step.
  turn.keepKeyboard = true;
  const locale = localeOf(turn);
  const t = handOverTextsFor(locale);
  const staff = messagesFor(locale).staff;
  const run = await stepRunOnCase(turn.tx, action.stepRunId);
  if (!run) return refuse(turn, staff.unknownButton, { why: "unknown_step_run" }, null);
  const ctx = turn.deps.flowContext(run.case.flowId);
  const target = turn.deps.flows.flows.get(action.flowId);
  if (!target || !handOversAt(ctx.flow, run.stepId).some((h) => h.flow === action.flowId)) {
    return refuse(turn, t.notOffered, { why: "no_hand_over", stepId: run.stepId, flowId: action.flowId }, run.caseId);
  }
  const title = (flowId: string) => turn.deps.flowContext(flowId).flow.label(locale);
  // Who may hand over is asked first: someone else learns nothing of the case, not even the number of its linked case.
  const subject = { personId: turn.sender?.personId ?? null, roles: turn.sender?.roles ?? [] };
  const verdict = decide({
    subject,
    action: "case.handOver",
    case: { orgId: run.case.orgId, clientId: run.case.clientId, counsellorId: run.case.counsellorId },
  });
  if (!turn.sender || !verdict.allowed) return refuse(turn, t.notAllowed, { why: verdict.because, stepRunId: run.id }, run.caseId);
  const existing = await handedOverTo(turn.tx, { fromCaseId: run.caseId, flowId: action.flowId });
  if (existing) return answerAlreadyHandedOver(turn, run, existing, title(action.flowId));
  if (run.case.status !== "open" || run.case.currentStepId !== run.stepId || run.actedAt) {
    return refuse(turn, staff.stale, { why: "stale_step", stepRunId: run.id }, run.caseId);
  }

  const result = await handOverCase(turn.tx, turn.deps.flowContext(action.flowId), {
    fromCaseId: run.caseId,
    stepId: run.stepId,
    actorId: turn.sender.personId,
    at: turn.now,
  });
  if (!result.ok) return answerAlreadyHandedOver(turn, run, result.existing, title(action.flowId));
  const documents = await carryDocuments(turn.tx, {
    caseId: result.opened.id,
    caseNo: result.opened.number,
    counsellorId: result.opened.counsellorId,
    from: { id: run.caseId, number: run.case.number, flowId: run.case.flowId },
    by: turn.sender.displayName ?? "-",
    title: (flowId, l) => turn.deps.flowContext(flowId).flow.label(l),
    toFlowId: action.flowId,
  });
  const text = t.handedOver({ caseNo: run.case.number, newCaseNo: result.opened.number, flowTitle: title(action.flowId), documents });
  turn.toast = text;
  await reply(turn, textMessage(text, { caseNo: result.opened.number }));
}

async function answerAlreadyHandedOver(turn: Turn, run: StepRunOnCase, existing: LinkedCase, flowTitle: string): Promise<void> {
  const text = handOverTextsFor(localeOf(turn)).already({ caseNo: run.case.number, newCaseNo: existing.number, flowTitle });
  await recordAudit(turn.tx, {
    type: "hand_over_refused",
    at: turn.now,
    caseId: run.caseId,
    actorId: turn.sender?.personId,
    data: { why: "already_handed_over", toCaseId: existing.id },
  });
  turn.toast = text;
  await reply(turn, textMessage(text, { caseNo: run.case.number }));
}

/**
 * Sends the new case's counsellor the first case's ready documents (its reports, Nota Dinas, disposisi, the
 * registration form they may read), with a line saying where the case comes from; returns how many went.
 */
async function carryDocuments(
  tx: Tx,
  p: {
    caseId: string;
    caseNo: number;
    counsellorId: string | null;
    from: { id: string; number: number; flowId: string };
    by: string;
    toFlowId: string;
    title: (flowId: string, locale: string) => string;
  },
): Promise<number> {
  const documents = await readyDocumentsOf(tx, p.from.id);
  if (!p.counsellorId) return 0;
  const seen = new Map<string, number>();
  const attachments: OutboundAttachment[] = documents.map((d) => {
    const base = `kasus-${p.from.number}-${d.kind.replace(/_/g, "-")}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = `${n === 1 ? base : `${base}-${n}`}${d.mimeType === "application/pdf" ? ".pdf" : ""}`;
    return { kind: "document", ref: `doc:${d.id}`, name, mimeType: d.mimeType };
  });
  const locale = (await personLocale(tx, p.counsellorId)) === "en" ? "en" : "id";
  const text = handOverTextsFor(locale).carried({
    caseNo: p.caseNo,
    fromCaseNo: p.from.number,
    flowTitle: p.title(p.toFlowId, locale),
    fromFlowTitle: p.title(p.from.flowId, locale),
    by: p.by,
    documents: documents.length,
  });
  await queueToPerson(tx, { personId: p.counsellorId, caseId: p.caseId, message: textMessage(text, { caseNo: p.caseNo, attachments }) });
  return documents.length;
}
