// Opening cases and applying engine events: state, step runs, audit events and outbox rows are
// written in ONE transaction, so a failure half-way leaves nothing half-written.
import { randomUUID } from "node:crypto";
import { advanceCase, rolesThatMayAct } from "../core/advanceCase.ts";
import type { CaseEvent, CaseSnapshot, Effect, Refusal } from "../core/caseTypes.ts";
import { formatDuration, parseDuration } from "../core/duration.ts";
import { formatLocal, workingMinutesBetween } from "../core/workingTime.ts";
import { documentOf, endsFlow } from "../flows/actionKinds.ts";
import { CLIENT_ROLE, type FlowContext } from "../flows/flowSchema.ts";
import { messagesFor } from "../i18n/index.ts";
import type { OutboundMessage } from "../notify/outboundMessage.ts";
import type { Prisma, Tx } from "./database.ts";
import { recipientsForRole, type Recipient } from "./recipients.ts";
import { queueMessage } from "./outboxWriter.ts";
import { requestDocument } from "./documentRequests.ts";
import { closeStepTasks } from "./stepTasks.ts";

export type { FlowContext };

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
  return {
    id: row.id,
    number: row.number,
    orgId: row.orgId,
    flowId: row.flowId,
    status: row.status as CaseSnapshot["status"],
    clientId: row.clientId,
    counsellorId: row.counsellorId,
    version: row.version,
    openRun: run ? { stepId: run.stepId, askedAt: run.askedAt, deadlineAt: run.deadlineAt } : null,
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
  at: Date;
}

/** Opens a case on a flow and starts its first step, atomically. */
export async function openCase(prisma: Prisma, ctx: FlowContext, p: OpenCaseInput): Promise<CaseSnapshot> {
  return prisma.$transaction((tx) => openCaseInTx(tx, ctx, p));
}

/** openCase inside the caller's transaction (the intake's, so the dialog state and the case commit together). */
export async function openCaseInTx(tx: Tx, ctx: FlowContext, p: OpenCaseInput, options: ApplyOptions = {}): Promise<CaseSnapshot> {
  {
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
        openedAt: p.at,
      },
    });
    const result = await applyCaseEventInTx(tx, ctx, row.id, { type: "open", at: p.at }, options);
    if (!result.ok) throw new Error(`Could not open case: ${result.refusal.reason}`);
    return result.case;
  }
}

export interface ApplyOptions {
  /**
   * Queue nothing for the client for this event (no "in progress" note, no task for a client step):
   * the intake tells the client itself, in one message, when it opens the case.
   */
  quietClient?: boolean;
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

function roleLabelOf(ctx: FlowContext, roleId: string, locale: "id" | "en"): string {
  const role = ctx.organisation.roles.find((x) => x.id === roleId);
  return (locale === "en" ? role?.label_en : undefined) ?? role?.label ?? roleId;
}

function stepText(ctx: FlowContext, stepId: string) {
  const step = ctx.flow.step(stepId)!;
  const duration = parseDuration(step.time)!;
  return { step, duration };
}

/** A step sent back by a revise outcome: the role that returned it, and what its actor wrote last time. */
interface Returned {
  byRole: string;
  previousText: string | null;
}

/** Renders one notification for one recipient, in their language. */
function renderFor(ctx: FlowContext, c: CaseSnapshot, effect: Effect, r: Recipient, stepRunId: string | null, returned?: Returned): OutboundMessage | null {
  const t = messagesFor(r.locale);
  const locale = r.locale === "en" ? "en" : "id";
  const when = (d: Date) => formatLocal(d, ctx.organisation.calendar, locale);
  switch (effect.kind) {
    case "notify_role": {
      const { step, duration } = stepText(ctx, effect.stepId);
      const outcomes = ctx.flow.outcomes(step);
      return {
        text: t.stepTask({
          caseNo: c.number,
          flowTitle: ctx.flow.label(locale),
          stepNo: step.no,
          activity: ctx.flow.activity(step, locale),
          inputs: step.inputs,
          standard: formatDuration(duration, locale),
          deadline: when(effect.deadlineAt),
          note: effect.note,
          returned: returned && { by: roleLabelOf(ctx, returned.byRole, locale), previousText: returned.previousText },
        }),
        buttons: stepRunId
          ? outcomes.flatMap((outcome) => {
              const label = step.labels?.[outcome] ?? t.outcome[outcome] ?? outcome;
              const button = { label, action: { kind: "step_outcome" as const, stepRunId, outcome } };
              // The Nota Dinas goes out in the approver's name: they may add their own note to it.
              if (outcome !== "approve" || documentOf(step) !== "nota_dinas") return [button];
              return [button, { label: t.buttons.withNote({ label }), action: { ...button.action, withNote: true } }];
            })
          : [],
        attachments: [],
        caseNo: c.number,
        links: [],
      };
    }
    case "notify_client": {
      if (effect.topic === "archived") return { text: t.clientArchived({ caseNo: c.number }), buttons: [], links: [], attachments: [], caseNo: c.number };
      if (effect.topic === "cancelled") return { text: t.clientCancelled({ caseNo: c.number }), buttons: [], links: [], attachments: [], caseNo: c.number };
      const { step, duration } = stepText(ctx, effect.stepId!);
      return {
        text: t.clientStepStarted({
          caseNo: c.number,
          activity: ctx.flow.activity(step, locale),
          standard: formatDuration(duration, locale),
          deadline: when(effect.deadlineAt!),
        }),
        buttons: [],
        attachments: [],
        caseNo: c.number,
        links: [],
      };
    }
    case "escalate": {
      const { step } = stepText(ctx, effect.stepId);
      const role = ctx.organisation.roles.find((x) => x.id === effect.fromRole);
      return {
        text: t.escalation({
          caseNo: c.number,
          stepNo: step.no,
          activity: step.activity,
          role: role?.label ?? effect.fromRole,
          deadline: when(effect.deadlineAt),
        }),
        buttons: [],
        attachments: [],
        caseNo: c.number,
        links: [],
      };
    }
    default:
      return null;
  }
}

/**
 * Carries out the engine's effects inside the transaction. `key` makes outbox rows idempotent per event; `at` is the
 * event's time on the service clock, so every timestamp written here (audit, escalation, a session request's first
 * attempt) agrees with the clock that the timers and the scheduler compare it against.
 */
async function writeEffects(tx: Tx, ctx: FlowContext, c: CaseSnapshot, effects: Effect[], w: { key: string; at: Date; options: ApplyOptions }): Promise<void> {
  const { key, at, options } = w;
  let stepRunId: string | null = null;
  let returned: Returned | undefined;
  for (const [index, effect] of effects.entries()) {
    if (options.quietClient && (effect.kind === "notify_client" || (effect.kind === "notify_role" && effect.role === CLIENT_ROLE))) continue;
    switch (effect.kind) {
      case "audit":
        await tx.auditEvent.create({
          data: { caseId: c.id, actorId: effect.actorId ?? null, type: effect.type, dataJson: JSON.stringify(effect.data), at },
        });
        break;
      case "finish_step": {
        const run = await tx.stepRun.findFirst({ where: { caseId: c.id, stepId: effect.stepId, actedAt: null }, orderBy: { askedAt: "desc" } });
        if (!run) throw new Error(`Case ${c.id}: no open step run for ${effect.stepId}`);
        await tx.stepRun.update({
          where: { id: run.id },
          data: {
            actedAt: effect.at,
            actedById: effect.actorId,
            outcome: effect.outcome,
            note: effect.note ?? null,
            outputDocId: effect.attachmentRef ?? null,
            late: effect.late,
            actualMin:
              run.clock === "working"
                ? Math.round(workingMinutesBetween(run.askedAt, effect.at, ctx.organisation.calendar))
                : Math.max(0, Math.round((effect.at.getTime() - run.askedAt.getTime()) / 60_000)),
          },
        });
        await requestStepDocument(tx, ctx, c, effect, run.id);
        if (effect.outcome === "revise") returned = { byRole: run.role, previousText: null };
        const step = ctx.flow.step(effect.stepId);
        if (step) await closeStepTasks(tx, { stepRunId: run.id, ctx, step, outcome: effect.outcome, actorId: effect.actorId ?? null, at: effect.at });
        break;
      }
      case "start_step": {
        const run = await tx.stepRun.create({
          data: {
            caseId: c.id,
            stepId: effect.stepId,
            stepNo: effect.stepNo,
            role: effect.role,
            askedAt: effect.askedAt,
            deadlineAt: effect.deadlineAt,
            standardMin: effect.standardMinutes,
            clock: effect.clock,
          },
        });
        stepRunId = run.id;
        break;
      }
      case "escalate":
        await tx.stepRun.updateMany({ where: { caseId: c.id, stepId: effect.stepId, actedAt: null }, data: { escalatedAt: at } });
        await queue(tx, ctx, c, effect, effect.toRole, `${key}:${index}`, stepRunId, at);
        break;
      case "notify_role": {
        // An outside party's work (unit terkait, psikiater) is recorded by the unit's staff: they get the task too.
        const step = ctx.flow.step(effect.stepId);
        const roles = step ? rolesThatMayAct(step) : [effect.role];
        // A returned step shows its actor the text they wrote last time, to correct rather than retype.
        const back = returned && {
          ...returned,
          previousText: (await tx.stepRun.findFirst({ where: { caseId: c.id, stepId: effect.stepId, actedAt: { not: null } }, orderBy: { actedAt: "desc" } }))?.note ?? null,
        };
        for (const role of roles) await queue(tx, ctx, c, effect, role, `${key}:${index}:${role}`, stepRunId, at, back);
        break;
      }
      case "notify_client":
        await queue(tx, ctx, c, effect, "klien", `${key}:${index}`, stepRunId, at);
        break;
      case "book_session":
        // The session scheduler (src/scheduling/sessionScheduler.ts) finds slots and offers them to the
        // client outside this transaction; here only the request is recorded, with the step run it serves.
        if (c.counsellorId) {
          await tx.sessionOffer.create({ data: { caseId: c.id, stepRunId, counsellorId: c.counsellorId, status: "pending", requestedBy: "step", nextAttemptAt: at, createdAt: at } });
        } else {
          await tx.auditEvent.create({ data: { caseId: c.id, type: "no_counsellor_for_session", dataJson: JSON.stringify({ stepId: effect.stepId }), at } });
        }
        break;
      case "archive":
        // The SOP is finished: a session still ahead is cancelled (the scheduler deletes the calendar event and
        // tells both sides why), and any offer of times is withdrawn, so nobody is reminded of a closed case.
        await tx.appointment.updateMany({ where: { caseId: c.id, status: "booked", startsAt: { gt: at } }, data: { status: "cancelling:archive", updatedAt: at } });
        await tx.sessionOffer.updateMany({ where: { caseId: c.id, status: { in: ["pending", "offered", "booking"] } }, data: { status: "withdrawn" } });
        break;
    }
  }
}

async function queue(tx: Tx, ctx: FlowContext, c: CaseSnapshot, effect: Effect, role: string, key: string, stepRunId: string | null, at: Date, returned?: Returned) {
  const recipients = await recipientsForRole(tx, { orgId: c.orgId, role, clientId: c.clientId, counsellorId: c.counsellorId });
  if (recipients.length === 0) {
    // Nobody holds this role yet: audited, so the recap shows who was never told.
    await tx.auditEvent.create({
      data: { caseId: c.id, type: "no_recipient", dataJson: JSON.stringify({ role, effect: effect.kind }), at },
    });
    return;
  }
  for (const r of recipients) {
    const message = renderFor(ctx, c, effect, r, stepRunId, returned);
    if (!message) continue;
    await queueMessage(tx, {
      dedupeKey: `${key}:${r.identityId}`,
      channel: r.channel,
      address: r.address,
      personId: r.personId,
      caseId: c.id,
      stepRunId: effect.kind === "notify_role" ? stepRunId : null,
      message,
    });
  }
}

/**
 * Withdraws the not-yet-sent task messages of a step that was done in the same transaction that started it
 * (the registration that is itself step 1): nobody needs a button for work already done.
 */
export async function withdrawUnsentTasks(tx: Tx, caseId: string, stepId: string): Promise<void> {
  const runs = await tx.stepRun.findMany({ where: { caseId, stepId, actedAt: { not: null } }, select: { id: true } });
  await tx.outbox.deleteMany({ where: { stepRunId: { in: runs.map((r) => r.id) }, status: "pending", platformId: null } });
}

/** A step that produces an SOP document asks for it now; the document worker renders and sends it. */
async function requestStepDocument(tx: Tx, ctx: FlowContext, c: CaseSnapshot, effect: Extract<Effect, { kind: "finish_step" }>, stepRunId: string) {
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
