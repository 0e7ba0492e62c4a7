// A staff member presses a step's button (approve, ask for revision, give a disposisi, mark external work
// done, archive). Checked on the server against the current step and the presser's roles; a stale, foreign
// or forged press changes nothing, gets a clear answer and is audited. After a press, everyone else who got
// the same task sees who acted.
import { mayAct } from "../core/advanceCase.ts";
import type { Refusal } from "../core/caseTypes.ts";
import { fileAskedFor, noteAskedFor, outcomesOf as outcomesOfStep, REFUSE_OUTCOME } from "../flows/actionKinds.ts";
import type { Step } from "../flows/flowSchema.ts";
import { uploadName } from "../documents/uploadKinds.ts";
import { messagesFor } from "../i18n/index.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { applyCaseEventInTx, type FlowContext } from "../store/caseRepository.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { lastNoteOfStep, stepRunOnCase, type StepRunOnCase } from "../store/cases/stepRuns.ts";
import { assignCounsellor, COUNSELLOR_ROLE } from "../store/counsellorRouting.ts";
import { endDialog, saveDialog, savedVersionOf, type StoredDialog } from "./savedDialogs.ts";
import { outcomeLabel } from "../store/cases/stepMessages.ts";
import { rewriteMessage, unqueueMessage } from "../store/outbox/index.ts";
import { buttonAction } from "./buttonActions.ts";
import { notQualifiedText, presserOnCase } from "./stepPresser.ts";
import { reply, replyReturningId, localeOf, type Turn } from "./dialogContext.ts";
import type { StaffNoteState } from "./dialogStateSchema.ts";

async function refuse(turn: Turn, text: string, data: Record<string, unknown>, caseId: string | null): Promise<void> {
  await recordAudit(turn.tx, { type: "button_refused", at: turn.now, caseId, actorId: turn.sender?.personId, data });
  turn.toast = text;
  // The toast can be missed (and email has none): say it in the chat too.
  await reply(turn, textMessage(text));
}

/** The outcomes a step's buttons offer (its kind of action decides: src/flows/actionKinds.ts). */
export function outcomesOf(step: Step): string[] {
  return outcomesOfStep(step);
}

/** What the actor must add before the step is recorded (its kind of action decides: src/flows/actionKinds.ts). */
export function noteNeeded(step: Step, outcome: string): StaffNoteState["need"] | null {
  return fileAskedFor(step, outcome) ?? noteAskedFor(step, outcome);
}

/** Whether an outcome is leadership saying no (asked for its reason like a revision, worded as a refusal). */
function outcomeIsRefusal(outcome: string): boolean {
  return outcome === REFUSE_OUTCOME;
}

/** Checks a press; returns what is needed to act, or null after refusing it. */
async function checkPress(turn: Turn, stepRunId: string, outcome: string) {
  const t = messagesFor(localeOf(turn));
  const run = await stepRunOnCase(turn.tx, stepRunId);
  if (!run) {
    await refuse(turn, t.staff.unknownButton, { why: "unknown_step_run" }, null);
    return null;
  }
  const ctx = turn.deps.flowContext(run.case.flowId);
  const step = ctx.flow.step(run.stepId);
  if (!step) {
    await refuse(turn, t.staff.stale, { why: "step_not_in_flow", stepId: run.stepId }, run.caseId);
    return null;
  }
  if (run.actedAt) {
    await refuse(turn, t.staff.alreadyProcessed({ name: run.actedByName ?? "?" }), { why: "already_done", stepRunId }, run.caseId);
    return null;
  }
  if (run.case.status !== "open" || run.case.currentStepId !== run.stepId) {
    await refuse(turn, t.staff.stale, { why: "stale_step", stepRunId }, run.caseId);
    return null;
  }
  const presser = await presserOnCase(turn, run.case);
  const { actor, snapshot } = presser;
  if (!turn.sender || !mayAct(step, actor, snapshot)) {
    const notQualified = turn.sender ? notQualifiedText(turn, { step, caseNo: run.case.number, presser }) : null;
    if (notQualified) await refuse(turn, notQualified, { why: "missing_qualification", needed: step.requires_qualification, stepRunId }, run.caseId);
    else await refuse(turn, t.staff.notYourRole, { why: "wrong_role", needed: step.role, stepRunId }, run.caseId);
    return null;
  }
  if (!outcomesOf(step).includes(outcome)) {
    await refuse(turn, t.staff.unknownButton, { why: "unknown_outcome", stepRunId }, run.caseId);
    return null;
  }
  return { run, ctx, step, actor };
}

/** Handles a pressed step button: asks for the note it needs, or records the step. */
export async function pressStepButton(turn: Turn, action: { stepRunId: string; outcome: string; withNote?: boolean }): Promise<void> {
  const checked = await checkPress(turn, action.stepRunId, action.outcome);
  if (!checked) return;
  const { run, step } = checked;
  const need = noteNeeded(step, action.outcome) ?? (action.withNote ? "approval_note" : null);
  if (!need) return completeStep(turn, checked, action.outcome, {});
  // A press that brings its note along (an email reply "REVISI: <alasan>", a numbered answer with text) needs no second
  // question; an uploaded document's step needs the file itself (its caption, if any, is the note).
  const note = turn.msg.text.trim();
  const attachment = turn.msg.attachments[0];
  if (need === "upload" ? attachment : note || (need === "external" && attachment)) {
    return completeStep(turn, checked, action.outcome, { note: note || undefined, attachmentRef: attachment?.fileRef });
  }

  const t = messagesFor(localeOf(turn));
  const asks: Record<StaffNoteState["need"], (p: { caseNo: number }) => string> = {
    reason: outcomeIsRefusal(action.outcome) ? t.staff.askRefusalReason : t.staff.askRevisionReason,
    disposisi: t.staff.askDisposisi,
    // An approver who writes (the Kepala Dinas's instruction) is asked for what the flow says the step puts out.
    report: step.action === "approval" ? (p) => t.staff.askApprovalText({ ...p, what: step.output }) : t.staff.askReport,
    approval_note: t.staff.askApprovalNote,
    external: t.staff.askExternalResult,
    upload: (p) => t.staff.askUpload({ ...p, document: step.upload ? uploadName(step.upload) : "" }),
  };
  const ask = asks[need];
  const buttons = [
    ...(need === "external" ? [{ label: t.buttons.skip, action: buttonAction.skipNote() }] : []),
    { label: t.buttons.cancel, action: buttonAction.cancelNote() },
  ];
  turn.toast = "";
  // Writing a returned plan or report again: the text of last time comes with the question, to copy and correct.
  const earlier = need === "report" ? await lastNoteOfStep(turn.tx, { caseId: run.caseId, stepId: run.stepId }) : null;
  const question = [ask({ caseNo: run.case.number }), earlier ? t.staff.previousText({ text: earlier }) : ""].filter(Boolean).join("\n\n");
  const promptOutboxId = await replyReturningId(turn, textMessage(question, { buttons, caseNo: run.case.number }));
  const state: StaffNoteState = { dialog: "staff_note", stepRunId: run.id, outcome: action.outcome, need, caseNo: run.case.number, promptOutboxId };
  // Whatever the chat held before gives way to the question.
  const previous = await savedVersionOf(turn.tx, turn.msg.channel, turn.msg.address);
  await saveDialog(turn.tx, { channel: turn.msg.channel, address: turn.msg.address, dialog: "staff_note", state, previous });
}

/** The staff member's answer to a note prompt: record the step with it, or cancel. */
export async function continueStaffNote(turn: Turn, stored: StoredDialog<StaffNoteState>): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const state = stored.state;
  if (turn.choice?.kind === "cancel_note" || turn.msg.command?.name === "batal") {
    await endDialog(turn.tx, turn.msg.channel, turn.msg.address);
    turn.toast = t.staff.noteCancelled;
    return reply(turn, textMessage(t.staff.noteCancelled));
  }
  const note = turn.msg.text.trim();
  const attachment = turn.msg.attachments[0];
  const skipped = turn.choice?.kind === "skip_note" && state.need === "external";
  if (state.need === "upload" && !attachment) {
    return reply(turn, textMessage(t.staff.fileRequired, { buttons: [{ label: t.buttons.cancel, action: buttonAction.cancelNote() }] }));
  }
  if (!skipped && !note && !(attachment && (state.need === "external" || state.need === "upload"))) {
    return reply(turn, textMessage(t.staff.noteRequired, { buttons: [{ label: t.buttons.cancel, action: buttonAction.cancelNote() }] }));
  }
  await endDialog(turn.tx, turn.msg.channel, turn.msg.address);
  const checked = await checkPress(turn, state.stepRunId, state.outcome);
  if (!checked) return;
  await completeStep(turn, checked, state.outcome, { note: note || undefined, attachmentRef: attachment?.fileRef, promptOutboxId: state.promptOutboxId });
}

/** Records the step, tells the presser, and marks everyone else's copy of the task as handled. */
async function completeStep(
  turn: Turn,
  checked: { run: StepRunOnCase; ctx: FlowContext; step: Step; actor: { personId: string; roles: string[] } },
  outcome: string,
  extra: { note?: string; attachmentRef?: string; promptOutboxId?: string },
): Promise<void> {
  const { run, ctx, step, actor } = checked;
  const t = messagesFor(localeOf(turn));
  // A counsellor who takes the counsellor's step of an unassigned case becomes its counsellor.
  if (step.role === COUNSELLOR_ROLE && !run.case.counsellorId && actor.roles.includes(COUNSELLOR_ROLE)) {
    await assignCounsellor(turn.tx, { caseId: run.caseId, counsellorId: actor.personId });
  }
  const label = outcomeLabel(step, outcome, localeOf(turn));
  const done = t.staff.recorded({ caseNo: run.case.number, stepNo: step.no, label });
  // A press edits the task message itself where the channel can edit, and a note typed in answer turns its
  // question into the confirmation; otherwise the presser gets a confirmation of their own, queued before the
  // next step's tasks so that it arrives first (a numbered answer then resolves against the newest task).
  const canEdit = turn.deps.capabilitiesOf(turn.msg.channel).canEdit;
  const confirm = !canEdit || (!extra.promptOutboxId && (!turn.msg.buttonId || turn.choice));
  const confirmationId = confirm ? await replyReturningId(turn, textMessage(done, { caseNo: run.case.number })) : null;
  const result = await applyCaseEventInTx(turn.tx, ctx, run.caseId, {
    type: "step_done",
    stepId: step.id,
    outcome,
    actor,
    note: extra.note,
    attachmentRef: extra.attachmentRef,
    at: turn.now,
  });
  if (!result.ok) {
    if (confirmationId) await unqueueMessage(turn.tx, confirmationId);
    return refuseByEngine(turn, result.refusal, run.caseId);
  }
  if (!confirm && extra.promptOutboxId && !(await rewriteMessage(turn.tx, extra.promptOutboxId, textMessage(`✓ ${done}`, { caseNo: run.case.number })))) {
    await reply(turn, textMessage(done, { caseNo: run.case.number }));
  }
  turn.toast = done;
}

async function refuseByEngine(turn: Turn, refusal: Refusal, caseId: string): Promise<void> {
  const t = messagesFor(localeOf(turn));
  const text = refusal.reason === "wrong_role" ? t.staff.notYourRole : t.staff.stale;
  turn.toast = text;
  await reply(turn, textMessage(text));
  void caseId;
}
