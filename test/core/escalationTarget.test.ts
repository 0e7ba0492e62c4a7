// Escalation goes to the actor's own superior as flows/organisations.yaml maps it: a late staf step reaches
// the Kasubbag (IPDN) or Eselon IV (PUSPAGA), never a counsellor; the top of the organisation has nobody above.
import { describe, expect, it } from "vitest";
import { advanceCase, escalationTarget } from "../../src/core/advanceCase.ts";
import type { CaseSnapshot, Effect } from "../../src/core/caseTypes.ts";
import { loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import { newCase } from "../support/newCase.ts";

const loaded = loadFlowsFromDir("flows");
const ipdn = loaded.organisations.get("ipdn")!;
const puspaga = loaded.organisations.get("puspaga")!;
const wib = (local: string) => new Date(`${local}+07:00`);

describe("escalation by the role map", () => {
  it("a late staf step of BK Praja is escalated to the Kasubbag", () => {
    const flow = loaded.flows.get("bk-praja")!;
    const opened = newCase({ orgId: "ipdn", flowId: flow.id });
    const open = advanceCase({ case: opened, event: { type: "open", at: wib("2026-11-30T08:00:00") }, flow, organisation: ipdn });
    if (!open.ok) throw new Error("open refused");
    expect(flow.step(open.case.openRun!.stepId)!.role).toBe("staf");
    const late = advanceCase({
      case: open.case,
      event: { type: "deadline_passed", stepId: open.case.openRun!.stepId, at: wib("2026-11-30T09:00:00") },
      flow,
      organisation: ipdn,
    });
    expect(late.ok).toBe(true);
    const escalate = late.effects.find((e): e is Extract<Effect, { kind: "escalate" }> => e.kind === "escalate");
    expect(escalate).toMatchObject({ fromRole: "staf", toRole: "kasubbag" });
    expect(late.effects.find((e) => e.kind === "audit")).toMatchObject({ type: "deadline_passed", data: { toRole: "kasubbag" } });
  });

  it("follows each role to whom it answers to, in both organisations", () => {
    expect(Object.fromEntries(ipdn.roles.map((r) => [r.id, escalationTarget(r.id, ipdn)]))).toEqual({
      klien: "konselor",
      staf: "kasubbag",
      konselor: "kepala_unit",
      kasubbag: "kepala_unit",
      kepala_unit: "kepala_biro",
      unit_terkait: "staf",
      psikiater: "staf",
      kepala_biro: "rektor",
      rektor: null,
    });
    expect(Object.fromEntries(puspaga.roles.map((r) => [r.id, escalationTarget(r.id, puspaga)]))).toEqual({
      klien: "konselor",
      staf: "eselon_iv",
      konselor: "eselon_iv",
      eselon_iv: "eselon_iii",
      eselon_iii: "kepala_dinas",
      kepala_dinas: null,
    });
  });

  it("at the top nobody is told, and the passed deadline is still audited", () => {
    const flow = loaded.flows.get("terapi")!;
    const rektorStep = flow.steps.find((s) => s.role === "rektor")!;
    const snapshot: CaseSnapshot = {
      id: "c",
      number: 2,
      orgId: "ipdn",
      flowId: flow.id,
      status: "open",
      clientId: "client",
      counsellorId: null,
      version: 3,
      openRun: { stepId: rektorStep.id, askedAt: wib("2026-11-30T08:00:00"), deadlineAt: wib("2026-11-30T09:00:00") },
    };
    const late = advanceCase({
      case: snapshot,
      event: { type: "deadline_passed", stepId: rektorStep.id, at: wib("2026-11-30T10:00:00") },
      flow,
      organisation: ipdn,
    });
    expect(late.ok && late.effects.map((e) => e.kind)).toEqual(["audit"]);
    expect(late.effects[0]).toMatchObject({ data: { toRole: null } });
  });
});
