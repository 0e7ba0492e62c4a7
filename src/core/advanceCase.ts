// The case engine: a pure function (case, event, flow) -> (new case, effects).
// It never touches the database or a channel; src/store applies the effects in one transaction.
import { ACTION_KINDS, endsFlow, REFUSE_OUTCOME, rolesThatMayRecord } from "../flows/actionKinds.ts";
import { transitionsOf, type Flow, type OrganisationDef, type Step } from "../flows/flowSchema.ts";
import { may, RECORDING_ROLE as POLICY_RECORDING_ROLE } from "./policy.ts";
import { stepActQuestion } from "./stepActQuestion.ts";
import { clockStartOf } from "./stepClockStart.ts";
import { copyRolesOf, tellsClient } from "../flows/stepRecipients.ts";
import { parseDuration } from "./duration.ts";
import { standardMinutes } from "./stepTime.ts";
import { deadlineFor } from "./workingTime.ts";
import type { Actor, AdvanceResult, CaseEvent, CaseSnapshot, Effect } from "./caseTypes.ts";

/** The staff role that records the work of external parties (psikiater, unit terkait). */
export const RECORDING_ROLE = POLICY_RECORDING_ROLE;

export interface AdvanceInput {
  case: CaseSnapshot;
  event: CaseEvent;
  flow: Flow;
  organisation: OrganisationDef;
}

/** Roles allowed to complete a step: its own role, and those its kind of action adds (external work: the staff who record it). */
export function rolesThatMayAct(step: Step): string[] {
  return rolesThatMayRecord(step);
}

/** Whether an actor may complete a step on a case (the authorisation policy's step.act). */
export function mayAct(
  step: Step,
  actor: Actor,
  snapshot: Pick<CaseSnapshot, "clientId" | "counsellorId" | "counsellorQualifications"> & { orgId?: string },
): boolean {
  return may(stepActQuestion(step, actor, snapshot));
}

/**
 * The role an overdue step escalates to: whom the step's role answers to in the organisation's `escalation`
 * map (a client's step to the counsellor, an outside party's to the staf who records it, as the file says);
 * null for the top of the organisation, or a role the map does not name (the loader refuses that).
 */
export function escalationTarget(role: string, organisation: OrganisationDef): string | null {
  return Object.hasOwn(organisation.escalation, role) ? (organisation.escalation[role] ?? null) : null;
}

function stepOf(flow: Flow, id: string): Step {
  const step = flow.step(id);
  if (!step) throw new Error(`Flow ${flow.id} has no step "${id}" (the flow loader should have refused it)`);
  return step;
}

/** A step's deadline: its time standard on its clock, counted from where its clock starts (src/core/stepClockStart.ts). */
function deadlineOf(flow: Flow, organisation: OrganisationDef, step: Step, p: { askedAt: Date; sessionEndsAt?: Date | null }): Date {
  const duration = parseDuration(step.time);
  if (!duration) throw new Error(`Flow ${flow.id} step ${step.id}: bad time standard "${step.time}"`);
  return deadlineFor({ start: clockStartOf(step, p), duration, clock: step.clock ?? flow.clock, calendar: organisation.calendar });
}

/**
 * Effects that start a step: the step run, its deadline, who is told (the client only where the flow says the
 * step is a milestone for them), and a booking for schedule steps.
 */
function startStep(
  flow: Flow,
  organisation: OrganisationDef,
  step: Step,
  at: Date,
  p: { note?: string; sessionEndsAt?: Date | null } = {},
): { effects: Effect[]; deadlineAt: Date } {
  const { note } = p;
  const duration = parseDuration(step.time);
  if (!duration) throw new Error(`Flow ${flow.id} step ${step.id}: bad time standard "${step.time}"`);
  const clock = step.clock ?? flow.clock;
  const deadlineAt = deadlineOf(flow, organisation, step, { askedAt: at, sessionEndsAt: p.sessionEndsAt });
  const effects: Effect[] = [
    {
      kind: "start_step",
      stepId: step.id,
      stepNo: step.no,
      role: step.role,
      askedAt: at,
      deadlineAt,
      standardMinutes: standardMinutes(duration, clock, organisation.calendar),
      clock,
    },
    {
      kind: "notify_role",
      role: step.role,
      stepId: step.id,
      outcomes: flow.outcomes(step),
      deadlineAt,
      ...(note ? { note } : {}),
    },
  ];
  if (tellsClient(step)) effects.push({ kind: "notify_client", topic: "step_started", stepId: step.id, deadlineAt });
  if (ACTION_KINDS[step.action].booksSession) effects.push({ kind: "book_session", stepId: step.id });
  return { effects, deadlineAt };
}

/** Applies one event to a case. Refusals change nothing but are returned with an audit effect. */
export function advanceCase({ case: snapshot, event, flow, organisation }: AdvanceInput): AdvanceResult {
  const refuse = (refusal: Extract<AdvanceResult, { ok: false }>["refusal"], actorId?: string): AdvanceResult => ({
    ok: false,
    refusal,
    effects: [{ kind: "audit", type: "event_refused", actorId, data: { event: event.type, ...refusal } }],
  });
  const next = (changes: Partial<CaseSnapshot>, effects: Effect[]): AdvanceResult => ({
    ok: true,
    case: { ...snapshot, ...changes, version: snapshot.version + 1 },
    effects,
  });

  if (snapshot.status !== "open") return refuse({ reason: "case_closed", status: snapshot.status });

  switch (event.type) {
    case "open": {
      if (snapshot.openRun) return refuse({ reason: "already_open" });
      const first = flow.steps[0]!;
      const { effects, deadlineAt } = startStep(flow, organisation, first, event.at);
      return next({ openRun: { stepId: first.id, askedAt: event.at, deadlineAt } }, [
        { kind: "audit", type: "case_opened", data: { flowId: flow.id, stepId: first.id } },
        ...effects,
      ]);
    }

    case "step_done": {
      const run = snapshot.openRun;
      if (!run || run.stepId !== event.stepId) {
        return refuse({ reason: "stale_step", currentStepId: run?.stepId ?? null }, event.actor.personId);
      }
      const step = stepOf(flow, run.stepId);
      if (!mayAct(step, event.actor, snapshot)) {
        return refuse({ reason: "wrong_role", needed: step.role }, event.actor.personId);
      }
      const transitions = transitionsOf(step);
      // A step after a session counts its time from the session's end (never later than now).
      const clockStart = clockStartOf(step, { askedAt: run.askedAt, sessionEndsAt: snapshot.sessionEndsAt });
      const clockFrom = clockStart.getTime() < event.at.getTime() ? clockStart : event.at;
      const finish: Effect = {
        kind: "finish_step",
        stepId: step.id,
        outcome: event.outcome,
        actorId: event.actor.personId,
        note: event.note,
        attachmentRef: event.attachmentRef,
        at: event.at,
        late: event.at.getTime() > run.deadlineAt.getTime(),
        ...(clockStart !== run.askedAt ? { clockFrom } : {}),
      };
      const audit: Effect = {
        kind: "audit",
        type: "step_done",
        actorId: event.actor.personId,
        data: { stepId: step.id, outcome: event.outcome, late: finish.kind === "finish_step" && finish.late },
      };
      if (endsFlow(step)) {
        return next({ status: "archived", openRun: null }, [finish, audit, { kind: "archive", at: event.at }, { kind: "notify_client", topic: "archived" }]);
      }
      const target = transitions[event.outcome];
      if (!target) return refuse({ reason: "unknown_outcome", allowed: Object.keys(transitions) }, event.actor.personId);
      const following = stepOf(flow, target);
      const { effects, deadlineAt } = startStep(flow, organisation, following, event.at, { note: event.note, sessionEndsAt: snapshot.sessionEndsAt });
      // Tembusan: what the step sends on goes, as a copy, to the roles the SOP reports to that do not act next
      // (not when it is sent back or refused: then nothing was sent).
      const copies = copyRolesOf(step);
      const copy: Effect[] =
        copies.length > 0 && event.outcome !== "revise" && event.outcome !== REFUSE_OUTCOME
          ? [{ kind: "copy_step", stepId: step.id, roles: copies, ...(event.note ? { note: event.note } : {}) }]
          : [];
      return next({ openRun: { stepId: following.id, askedAt: event.at, deadlineAt } }, [finish, audit, ...copy, ...effects]);
    }

    case "deadline_passed": {
      const run = snapshot.openRun;
      if (!run || run.stepId !== event.stepId) return refuse({ reason: "stale_step", currentStepId: run?.stepId ?? null });
      if (event.at.getTime() < run.deadlineAt.getTime()) return refuse({ reason: "not_overdue" });
      const step = stepOf(flow, run.stepId);
      const toRole = escalationTarget(step.role, organisation);
      const effects: Effect[] = [{ kind: "audit", type: "deadline_passed", data: { stepId: step.id, toRole } }];
      if (toRole) effects.push({ kind: "escalate", stepId: step.id, fromRole: step.role, toRole, deadlineAt: run.deadlineAt });
      return next({}, effects);
    }

    case "session_changed": {
      // Nothing to move unless the waiting step's clock starts at the session's end and its deadline changes.
      const run = snapshot.openRun;
      const step = run ? stepOf(flow, run.stepId) : null;
      if (!run || !step) return { ok: true, case: snapshot, effects: [] };
      const deadlineAt = deadlineOf(flow, organisation, step, { askedAt: run.askedAt, sessionEndsAt: event.sessionEndsAt });
      if (deadlineAt.getTime() === run.deadlineAt.getTime()) return { ok: true, case: snapshot, effects: [] };
      return next({ openRun: { ...run, deadlineAt }, sessionEndsAt: event.sessionEndsAt }, [
        { kind: "move_deadline", stepId: step.id, deadlineAt },
        {
          kind: "audit",
          type: "deadline_moved",
          data: {
            stepId: step.id,
            from: run.deadlineAt.toISOString(),
            to: deadlineAt.toISOString(),
            sessionEndsAt: event.sessionEndsAt?.toISOString() ?? null,
          },
        },
      ]);
    }

    case "cancel": {
      return next({ status: "cancelled", openRun: null }, [
        { kind: "audit", type: "case_cancelled", actorId: event.actor.personId, data: { reason: event.reason } },
        { kind: "notify_client", topic: "cancelled" },
      ]);
    }
  }
}
