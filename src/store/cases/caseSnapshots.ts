// Opening cases and applying engine events: the case is loaded as a snapshot, advanced by the engine, and
// saved only if nobody changed it meanwhile (its version); state, step runs, audit events and outbox rows are
// written in ONE transaction, so a failure half-way leaves nothing half-written.
import { randomUUID } from "node:crypto";
import { advanceCase } from "../../core/advanceCase.ts";
import type { CaseEvent, CaseSnapshot, Refusal } from "../../core/caseTypes.ts";
import type { FlowContext } from "../../flows/flowSchema.ts";
import type { Prisma, Tx } from "../database.ts";
import { latestSessionEnd } from "../sessions/appointments.ts";
import { qualificationsOf } from "../staffQualifications.ts";
import { writeEffects, type ApplyOptions } from "./caseEffects.ts";

/** Thrown when another writer changed the case between our read and our write; the caller may retry. */
export class ConcurrentChangeError extends Error {
  constructor(caseId: string) {
    super(`Case ${caseId} was changed by someone else at the same time; try again.`);
    this.name = "ConcurrentChangeError";
  }
}

export type ApplyResult = { ok: true; case: CaseSnapshot } | { ok: false; refusal: Refusal };

async function loadSnapshot(tx: Tx, caseId: string): Promise<CaseSnapshot> {
  const row = await tx.case.findUnique({ where: { id: caseId } });
  if (!row) throw new Error(`No case with id ${caseId}`);
  const run = await tx.stepRun.findFirst({ where: { caseId, actedAt: null }, orderBy: { askedAt: "desc" } });
  // What the counsellor is qualified for decides who else may do a step that requires a qualification.
  const counsellorQualifications = row.counsellorId ? await qualificationsOf(tx, { personId: row.counsellorId, orgId: row.orgId }) : [];
  return {
    id: row.id,
    number: row.number,
    orgId: row.orgId,
    flowId: row.flowId,
    status: row.status as CaseSnapshot["status"],
    clientId: row.clientId,
    counsellorId: row.counsellorId,
    counsellorQualifications,
    version: row.version,
    openRun: run ? { stepId: run.stepId, askedAt: run.askedAt, deadlineAt: run.deadlineAt } : null,
    // A step after a session counts its time from the session's end.
    sessionEndsAt: await latestSessionEnd(tx, caseId),
  };
}

/** Allocates the next human case number inside the transaction. */
async function nextCaseNumber(tx: Tx): Promise<number> {
  const seq = await tx.sequence.upsert({
    where: { name: "case_number" },
    create: { name: "case_number", value: 1 },
    update: { value: { increment: 1 } },
  });
  return seq.value;
}

export interface OpenCaseInput {
  clientId: string;
  counsellorId?: string | null;
  intakeJson?: string;
  /** The case this one continues (a hand-over to another SOP), shown on both. */
  linkedFromId?: string | null;
  at: Date;
}

/** Opens a case on a flow and starts its first step, atomically. */
export async function openCase(prisma: Prisma, ctx: FlowContext, p: OpenCaseInput): Promise<CaseSnapshot> {
  return prisma.$transaction((tx) => openCaseInTx(tx, ctx, p));
}

/** openCase inside the caller's transaction (the intake's, so the dialog state and the case commit together). */
export async function openCaseInTx(tx: Tx, ctx: FlowContext, p: OpenCaseInput, options: ApplyOptions = {}): Promise<CaseSnapshot> {
  const number = await nextCaseNumber(tx);
  const row = await tx.case.create({
    data: {
      number,
      orgId: ctx.organisation.id,
      flowId: ctx.flow.id,
      clientId: p.clientId,
      counsellorId: p.counsellorId ?? null,
      status: "open",
      intakeJson: p.intakeJson ?? "{}",
      linkedFromId: p.linkedFromId ?? null,
      openedAt: p.at,
    },
  });
  const result = await applyCaseEventInTx(tx, ctx, row.id, { type: "open", at: p.at }, options);
  if (!result.ok) throw new Error(`Could not open case: ${result.refusal.reason}`);
  return result.case;
}

/** Applies one event to a case in one transaction (state + step runs + audit + outbox). */
export async function applyCaseEvent(prisma: Prisma, ctx: FlowContext, caseId: string, event: CaseEvent): Promise<ApplyResult> {
  return prisma.$transaction((tx) => applyCaseEventInTx(tx, ctx, caseId, event));
}

/** applyCaseEvent inside the caller's transaction. */
export async function applyCaseEventInTx(tx: Tx, ctx: FlowContext, caseId: string, event: CaseEvent, options: ApplyOptions = {}): Promise<ApplyResult> {
  const snapshot = await loadSnapshot(tx, caseId);
  const result = advanceCase({ case: snapshot, event, flow: ctx.flow, organisation: ctx.organisation });
  if (!result.ok) {
    // A refusal changes nothing but is audited.
    await writeEffects(tx, ctx, snapshot, result.effects, { key: `${caseId}:refused:${randomUUID()}`, at: event.at, options });
    return { ok: false, refusal: result.refusal };
  }
  const updated = await tx.case.updateMany({
    where: { id: caseId, version: snapshot.version },
    data: {
      version: result.case.version,
      status: result.case.status,
      currentStepId: result.case.openRun?.stepId ?? null,
      closedAt: result.case.status === "open" ? null : event.at,
    },
  });
  if (updated.count !== 1) throw new ConcurrentChangeError(caseId);
  await writeEffects(tx, ctx, result.case, result.effects, { key: `${caseId}:v${result.case.version}`, at: event.at, options });
  return { ok: true, case: result.case };
}
