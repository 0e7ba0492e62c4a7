// The engine's own rules on the real flows: the tembusan (copy_step) where the SOP reports "kepada" a role that
// does not act next, client notices only on the steps the flow marks as milestones, and a step whose clock starts
// when the case's session ends (its deadline, its moves, the time it took).
import { describe, expect, it } from "vitest";
import { advanceCase } from "../../src/core/advanceCase.ts";
import type { AdvanceResult, CaseEvent, CaseSnapshot, Effect } from "../../src/core/caseTypes.ts";
import { loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import { newCase } from "../support/newCase.ts";

const loaded = loadFlowsFromDir("flows");
const flow = loaded.flows.get("konseling-online-praja")!;
const organisation = loaded.organisations.get("ipdn")!;
const wib = (local: string) => new Date(`${local}+07:00`);
const counsellor = { personId: "k1", roles: ["konselor"] };

const ok = (r: AdvanceResult) => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r;
};
const of = <K extends Effect["kind"]>(r: AdvanceResult, kind: K) => r.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);

/** The case after a step_done event, which the engine must accept. */
function stepDone(c: CaseSnapshot, event: Omit<Extract<CaseEvent, { type: "step_done" }>, "type">) {
  return ok(advanceCase({ case: c, event: { type: "step_done", ...event }, flow, organisation }));
}

/** Opens a case and records its steps with these actors up to (not including) `until`, at `at`. */
function caseAt(until: string, at: Date, sessionEndsAt?: Date): CaseSnapshot {
  const start = newCase({ orgId: "ipdn", flowId: flow.id, counsellorId: "k1", sessionEndsAt: sessionEndsAt ?? null });
  let c = ok(advanceCase({ case: start, event: { type: "open", at }, flow, organisation })).case;
  const actors: Record<string, { personId: string; roles: string[] }> = {
    klien: { personId: "client", roles: [] },
    staf: { personId: "s1", roles: ["staf"] },
    konselor: counsellor,
    kepala_unit: { personId: "ku", roles: ["kepala_unit"] },
  };
  while (c.openRun!.stepId !== until) {
    const step = flow.step(c.openRun!.stepId)!;
    const outcome = step.action === "approval" ? "approve" : "done";
    c = ok(advanceCase({ case: c, event: { type: "step_done", stepId: step.id, outcome, actor: actors[step.role]!, at }, flow, organisation })).case;
  }
  return c;
}

describe("tembusan", () => {
  it("the plan of Konseling Online row 3 goes as a copy to the Kasubbag (cc) with its text, the task to the Kepala Unit", () => {
    const c = caseAt("s3b", wib("2026-11-30T08:00:00"));
    const done = stepDone(c, { stepId: "s3b", outcome: "done", actor: counsellor, note: "Sesi mingguan.", at: wib("2026-11-30T08:05:00") });
    expect(of(done, "copy_step")).toEqual([{ kind: "copy_step", stepId: "s3b", roles: ["kasubbag"], note: "Sesi mingguan." }]);
    expect(of(done, "notify_role").map((e) => e.role)).toEqual(["kepala_unit"]);
  });

  it("a step sent back sends nothing on: no copy", () => {
    const c = caseAt("s4", wib("2026-11-30T08:00:00"));
    const back = ok(
      advanceCase({
        case: c,
        event: {
          type: "step_done",
          stepId: "s4",
          outcome: "revise",
          actor: { personId: "ku", roles: ["kepala_unit"] },
          note: "Lengkapi.",
          at: wib("2026-11-30T08:10:00"),
        },
        flow,
        organisation,
      }),
    );
    const again = stepDone(back.case, { stepId: "s3b", outcome: "done", actor: counsellor, note: "Lengkap.", at: wib("2026-11-30T08:20:00") });
    expect(of(back, "copy_step")).toEqual([]);
    expect(of(again, "copy_step")).toHaveLength(1);
  });
});

describe("client notices", () => {
  it("tell the praja of the counsellor's intake and of nothing in the reporting chain", () => {
    const told: string[] = [];
    let c = caseAt("s2", wib("2026-11-30T08:00:00"));
    const actors: Record<string, { personId: string; roles: string[] }> = {
      staf: { personId: "s1", roles: ["staf"] },
      konselor: counsellor,
      kepala_unit: { personId: "ku", roles: ["kepala_unit"] },
      rektor: { personId: "r", roles: ["rektor"] },
    };
    for (;;) {
      const step = flow.step(c.openRun!.stepId)!;
      const r = ok(
        advanceCase({
          case: c,
          event: {
            type: "step_done",
            stepId: step.id,
            outcome: step.action === "approval" ? "approve" : "done",
            actor: actors[step.role]!,
            note: "x",
            at: wib("2026-11-30T09:00:00"),
          },
          flow,
          organisation,
        }),
      );
      told.push(...of(r, "notify_client").map((e) => (e.topic === "step_started" ? e.stepId! : e.topic)));
      if (r.case.status !== "open") break;
      c = r.case;
    }
    expect(told).toEqual(["s3a", "archived"]);
  });
});

describe("a step whose clock starts when the session ends (Konseling Online row 6)", () => {
  const bookedAt = wib("2026-11-30T15:00:00"); // Monday
  const nextWeek = { start: wib("2026-12-07T09:00:00"), end: wib("2026-12-07T10:00:00") };

  it("is due one working day after the session, not after the booking; done the day after, it is on time and took the time since the session", () => {
    const c = caseAt("s5", bookedAt, nextWeek.end);
    const started = ok(
      advanceCase({ case: c, event: { type: "step_done", stepId: "s5", outcome: "done", actor: counsellor, at: bookedAt }, flow, organisation }),
    );
    expect(started.case.openRun).toMatchObject({ stepId: "s6", askedAt: bookedAt, deadlineAt: wib("2026-12-08T10:00:00") });
    const done = stepDone(started.case, { stepId: "s6", outcome: "done", actor: counsellor, note: "Baik.", at: wib("2026-12-08T09:00:00") });
    expect(of(done, "finish_step")[0]).toMatchObject({ late: false, clockFrom: nextWeek.end });
  });

  it("moves its deadline when the session moves or is cancelled, and says nothing when nothing changes", () => {
    const c = caseAt("s5", bookedAt, null as never);
    // Done by hand before a time was chosen: counted from now until a session is booked.
    const started = ok(
      advanceCase({ case: c, event: { type: "step_done", stepId: "s5", outcome: "done", actor: counsellor, at: bookedAt }, flow, organisation }),
    );
    expect(started.case.openRun!.deadlineAt).toEqual(wib("2026-12-01T15:00:00"));
    const booked = ok(advanceCase({ case: started.case, event: { type: "session_changed", sessionEndsAt: nextWeek.end, at: bookedAt }, flow, organisation }));
    expect(of(booked, "move_deadline")).toEqual([{ kind: "move_deadline", stepId: "s6", deadlineAt: wib("2026-12-08T10:00:00") }]);
    const same = ok(advanceCase({ case: booked.case, event: { type: "session_changed", sessionEndsAt: nextWeek.end, at: bookedAt }, flow, organisation }));
    expect(same.effects).toEqual([]);
    const cancelled = ok(advanceCase({ case: booked.case, event: { type: "session_changed", sessionEndsAt: null, at: bookedAt }, flow, organisation }));
    expect(of(cancelled, "move_deadline")[0]!.deadlineAt).toEqual(wib("2026-12-01T15:00:00"));
  });

  it("a step that starts at its own ask time ignores sessions", () => {
    const c = caseAt("s4", bookedAt, nextWeek.end);
    expect(ok(advanceCase({ case: c, event: { type: "session_changed", sessionEndsAt: nextWeek.end, at: bookedAt }, flow, organisation })).effects).toEqual([]);
  });
});
