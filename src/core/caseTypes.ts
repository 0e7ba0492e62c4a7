// The domain's own types for a case moving along its flow. No platform or database types here.

export type CaseStatus = "open" | "archived" | "cancelled";

/** The step run a case is waiting on. */
export interface OpenStepRun {
  stepId: string;
  askedAt: Date;
  deadlineAt: Date;
}

/** What the engine needs to know about a case. */
export interface CaseSnapshot {
  id: string;
  number: number;
  orgId: string;
  flowId: string;
  status: CaseStatus;
  clientId: string;
  counsellorId: string | null;
  /** The counsellor's Kualifikasi Pelaksana in the case's organisation, when the store read them. */
  counsellorQualifications?: readonly string[];
  version: number;
  openRun: OpenStepRun | null;
  /** When the case's latest booked session ends, when the store read it (the clock of a step after a session starts then). */
  sessionEndsAt?: Date | null;
}

/** Who is acting, with the roles and the qualifications (Kualifikasi Pelaksana) they hold in the case's organisation. */
export interface Actor {
  personId: string;
  roles: string[];
  qualifications?: readonly string[];
}

export type CaseEvent =
  | { type: "open"; at: Date }
  | {
      type: "step_done";
      stepId: string;
      outcome: string;
      actor: Actor;
      note?: string;
      attachmentRef?: string;
      at: Date;
    }
  | { type: "deadline_passed"; stepId: string; at: Date }
  /** The case's session was booked, moved or cancelled: a waiting step whose clock starts at its end moves its deadline. */
  | { type: "session_changed"; sessionEndsAt: Date | null; at: Date }
  | { type: "cancel"; actor: Actor; reason: string; at: Date };

/** Side effects the engine asks for; src/store carries them out in the event's transaction. */
export type Effect =
  | {
      kind: "start_step";
      stepId: string;
      stepNo: string;
      role: string;
      askedAt: Date;
      deadlineAt: Date;
      standardMinutes: number;
      clock: "working" | "calendar";
    }
  | {
      kind: "finish_step";
      stepId: string;
      outcome: string;
      actorId: string;
      note?: string;
      attachmentRef?: string;
      at: Date;
      late: boolean;
      /** When the step's clock started, when not when it was asked (a step after a session): its time counts from here. */
      clockFrom?: Date;
    }
  /** Tell everyone holding `role` (the assigned counsellor, for konselor) what to do, with these outcomes as buttons. */
  | {
      kind: "notify_role";
      role: string;
      stepId: string;
      outcomes: string[];
      deadlineAt: Date;
      /** What the previous actor wrote (a revision reason, a disposisi), passed on to whoever acts next. */
      note?: string;
    }
  /** Tembusan: everyone holding these roles gets a copy of the done step's text (and, by the document worker, its document), without buttons. */
  | { kind: "copy_step"; stepId: string; roles: string[]; note?: string }
  /** The waiting step's deadline moves (its clock starts at a session that was booked, moved or cancelled). */
  | { kind: "move_deadline"; stepId: string; deadlineAt: Date }
  /** Tell the client something about their case. */
  | { kind: "notify_client"; topic: "step_started" | "archived" | "cancelled"; stepId?: string; deadlineAt?: Date }
  | { kind: "book_session"; stepId: string }
  | { kind: "escalate"; stepId: string; fromRole: string; toRole: string; deadlineAt: Date }
  | { kind: "archive"; at: Date }
  | { kind: "audit"; type: string; actorId?: string; data: Record<string, unknown> };

/** Why the engine refused an event; each maps to a clear message for the person who sent it. */
export type Refusal =
  | { reason: "case_closed"; status: CaseStatus }
  | { reason: "stale_step"; currentStepId: string | null }
  | { reason: "wrong_role"; needed: string }
  | { reason: "unknown_outcome"; allowed: string[] }
  | { reason: "already_open" }
  | { reason: "not_overdue" };

export type AdvanceResult = { ok: true; case: CaseSnapshot; effects: Effect[] } | { ok: false; refusal: Refusal; effects: Effect[] };
