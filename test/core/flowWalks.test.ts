// Each of the five SOPs walked through the engine from the first to the archive step, on every
// branch, checking who is notified at each step and which deadline is set.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { advanceCase } from "../../src/core/advanceCase.ts";
import type { CaseSnapshot, Effect } from "../../src/core/caseTypes.ts";
import { loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import type { Flow, OrganisationDef } from "../../src/flows/flowSchema.ts";
import { tellsClient } from "../../src/flows/stepRecipients.ts";
import { newCase } from "../support/newCase.ts";

const loaded = loadFlowsFromDir("flows");
const flowOf = (id: string) => loaded.flows.get(id)!;
const orgOf = (flow: Flow) => loaded.organisations.get(flow.organisation)!;

interface Visit {
  step: string;
  role: string;
  deadline: string; // local WIB time, "ccc yyyy-MM-dd HH:mm"
}

/**
 * Walks a flow taking the given outcome at each decision point (default "done"/"approve"), each step
 * being completed exactly at its deadline by someone holding its role.
 */
function walk(flow: Flow, choices: Record<string, string[]>, start: Date) {
  const org: OrganisationDef = orgOf(flow);
  let c: CaseSnapshot = newCase({
    id: "c1",
    orgId: org.id,
    flowId: flow.id,
    counsellorId: "counsellor",
  });
  const visits: Visit[] = [];
  const pending = Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, [...v]]));
  const record = (effects: Effect[]) => {
    const notify = effects.filter((e) => e.kind === "notify_role");
    expect(notify).toHaveLength(1);
    const n = notify[0] as Extract<Effect, { kind: "notify_role" }>;
    const step = flow.steps.find((s) => s.id === n.stepId)!;
    expect(n.role).toBe(step.role);
    // The client hears of a step only where the flow says it is a milestone for them (tell_client), never of the
    // internal reporting chain (was: of every step not their own).
    expect(
      effects.some((e) => e.kind === "notify_client"),
      `${flow.id} ${step.id}`,
    ).toBe(tellsClient(step));
    if (step.action === "schedule") expect(effects.some((e) => e.kind === "book_session")).toBe(true);
    visits.push({ step: n.stepId, role: n.role, deadline: DateTime.fromJSDate(n.deadlineAt).setZone("Asia/Jakarta").toFormat("ccc yyyy-MM-dd HH:mm") });
  };
  let result = advanceCase({ case: c, event: { type: "open", at: start }, flow, organisation: org });
  for (let guard = 0; guard < 100; guard++) {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
    c = result.case;
    if (c.status === "archived") return { visits, final: c };
    record(result.effects);
    const run = c.openRun!;
    const step = flow.steps.find((s) => s.id === run.stepId)!;
    const outcome = pending[step.id]?.shift() ?? (step.action === "approval" ? "approve" : "done");
    // The counsellor holds every qualification a step may require (PUSPAGA's counselling needs one: Kualifikasi Pelaksana).
    const counsellor = { personId: "counsellor", roles: ["konselor"], qualifications: org.qualifications.map((q) => q.id) };
    const actor =
      step.role === "klien" ? { personId: "client", roles: [] } : step.role === "konselor" ? counsellor : { personId: `p-${step.role}`, roles: [step.role] };
    result = advanceCase({ case: c, event: { type: "step_done", stepId: step.id, outcome, actor, at: run.deadlineAt }, flow, organisation: org });
  }
  throw new Error("walk did not reach the archive step");
}

const friday1500 = new Date("2026-11-27T15:00:00+07:00");
const monday0800 = new Date("2026-11-30T08:00:00+07:00");

describe("SOP Layanan Konsultasi Konseling Online bagi Praja", () => {
  it("main path: roles and working-time deadlines across a weekend", () => {
    const { visits } = walk(flowOf("konseling-online-praja"), {}, friday1500);
    expect(visits).toEqual([
      { step: "s1", role: "klien", deadline: "Fri 2026-11-27 15:10" },
      { step: "s2", role: "staf", deadline: "Fri 2026-11-27 15:25" },
      { step: "s3a", role: "konselor", deadline: "Fri 2026-11-27 15:50" },
      { step: "s3b", role: "konselor", deadline: "Fri 2026-11-27 16:00" },
      { step: "s4", role: "kepala_unit", deadline: "Mon 2026-11-30 07:45" },
      { step: "s5", role: "konselor", deadline: "Mon 2026-11-30 08:10" },
      { step: "s6", role: "konselor", deadline: "Tue 2026-12-01 08:10" },
      { step: "s7", role: "kepala_unit", deadline: "Tue 2026-12-01 08:30" },
      { step: "s8", role: "rektor", deadline: "Tue 2026-12-01 09:05" },
      { step: "s9", role: "konselor", deadline: "Tue 2026-12-01 09:25" },
      { step: "s10", role: "staf", deadline: "Tue 2026-12-01 09:40" },
    ]);
  });

  it("revision branches go back to the plan and the report", () => {
    const { visits } = walk(flowOf("konseling-online-praja"), { s4: ["revise", "approve"], s7: ["revise", "approve"] }, monday0800);
    expect(visits.map((v) => v.step)).toEqual(["s1", "s2", "s3a", "s3b", "s4", "s3b", "s4", "s5", "s6", "s7", "s6", "s7", "s8", "s9", "s10"]);
  });
});

describe.each(["bk-praja", "bk-pegawai"])("SOP Administrasi Layanan BK (%s)", (id) => {
  it("main path: 13 steps in order with their roles", () => {
    const { visits } = walk(flowOf(id), {}, monday0800);
    expect(visits.map((v) => `${v.step}:${v.role}`)).toEqual([
      "s1:staf",
      "s2:staf",
      "s3a:konselor",
      "s3b:konselor",
      "s4:kasubbag",
      "s5:kepala_unit",
      "s6:unit_terkait",
      "s7:staf",
      "s8:konselor",
      "s9:kepala_unit",
      "s10:rektor",
      "s11:konselor",
      "s12:staf",
    ]);
    // 15m + 10m + 30m + 30m + 30m from 08:00 = 10:05; then 1d = next day 10:05; 3d; ...
    expect(visits.slice(0, 7).map((v) => v.deadline)).toEqual([
      "Mon 2026-11-30 08:15",
      "Mon 2026-11-30 08:25",
      "Mon 2026-11-30 08:55",
      "Mon 2026-11-30 09:25",
      "Mon 2026-11-30 09:55",
      "Tue 2026-12-01 09:55",
      "Fri 2026-12-04 09:55",
    ]);
  });

  it("revision at the Kasubbag, the Kepala Unit and the written report", () => {
    const { visits } = walk(flowOf(id), { s4: ["revise", "approve"], s5: ["revise", "approve"], s9: ["revise", "approve"] }, monday0800);
    expect(visits.map((v) => v.step)).toEqual([
      "s1",
      "s2",
      "s3a",
      "s3b",
      "s4",
      "s3b",
      "s4",
      "s5",
      "s3b",
      "s4",
      "s5",
      "s6",
      "s7",
      "s8",
      "s9",
      "s8",
      "s9",
      "s10",
      "s11",
      "s12",
    ]);
  });
});

describe("SOP Administrasi Pelaksanaan Terapi", () => {
  it("main path up the chain to the Rektor and back to the archive", () => {
    const { visits } = walk(flowOf("terapi"), {}, monday0800);
    expect(visits.map((v) => `${v.step}:${v.role}`)).toEqual([
      "s1:konselor",
      "s2:kasubbag",
      "s3:kepala_unit",
      "s4:staf",
      "s5:psikiater",
      "s6:kasubbag",
      "s7:kepala_unit",
      "s8:kepala_biro",
      "s9:rektor",
      "s10:kepala_unit",
      "s11:staf",
    ]);
    expect(visits[4]!.deadline).toBe("Tue 2026-12-01 09:35"); // 15+15+20+45 = 95 working minutes, then 1d
  });

  it("revision at the Kasubbag returns to the counsellor's report", () => {
    const { visits } = walk(flowOf("terapi"), { s2: ["revise", "approve"] }, monday0800);
    expect(visits.slice(0, 4).map((v) => v.step)).toEqual(["s1", "s2", "s1", "s2"]);
  });

  it("the Kepala Unit's refusal at row 3 closes the case through the archive", () => {
    const { visits } = walk(flowOf("terapi"), { s3: ["refuse"] }, monday0800);
    expect(visits.map((v) => v.step)).toEqual(["s1", "s2", "s3", "s11"]);
  });
});

describe("SOP Konseling PUSPAGA, every branch of the flowchart", () => {
  const flow = flowOf("puspaga-konseling");
  const intake = ["s1:klien", "s2:staf", "s3:staf", "s4:staf", "s5:konselor", "s6:staf"];

  it("finished: counselling done, archived", () => {
    const { visits } = walk(flow, { s6: ["finished"] }, monday0800);
    expect(visits.map((v) => `${v.step}:${v.role}`)).toEqual([...intake, "arsip:staf"]);
    expect(visits.slice(0, 6).map((v) => v.deadline.slice(-5))).toEqual(["08:02", "08:04", "08:09", "08:11", "08:41", "08:51"]);
  });

  it("new schedule: back to counselling, then finished", () => {
    const { visits } = walk(flow, { s6: ["new_schedule", "finished"] }, monday0800);
    expect(visits.map((v) => `${v.step}:${v.role}`)).toEqual([...intake, "jadwal_baru:konselor", "s5:konselor", "s6:staf", "arsip:staf"]);
  });

  it("coordination with a related agency, then finished", () => {
    const { visits } = walk(flow, { s6: ["coordination", "finished"] }, monday0800);
    expect(visits.map((v) => `${v.step}:${v.role}`)).toEqual([...intake, "koordinasi_instansi:staf", "s6:staf", "arsip:staf"]);
  });

  it("referral: report, approval up to the Kepala Dinas (with one revision), instruction, archive", () => {
    const { visits } = walk(flow, { s6: ["referral"], setuju_eselon_iii: ["revise", "approve"] }, monday0800);
    expect(visits.map((v) => `${v.step}:${v.role}`)).toEqual([
      ...intake,
      "lapor_rujukan:staf",
      "setuju_eselon_iv:eselon_iv",
      "setuju_eselon_iii:eselon_iii",
      "lapor_rujukan:staf",
      "setuju_eselon_iv:eselon_iv",
      "setuju_eselon_iii:eselon_iii",
      "setuju_kepala_dinas:kepala_dinas",
      "buat_rujukan:staf",
      "arsip:staf",
    ]);
  });
});

describe("SOP Konseling PUSPAGA, the referral refused at each echelon", () => {
  const flow = flowOf("puspaga-konseling");
  const chain = ["setuju_eselon_iv", "setuju_eselon_iii", "setuju_kepala_dinas"];
  it.each(chain.map((step, i) => [step, i] as const))("refused at %s: back to the counsellor, then finished", (step, i) => {
    const { visits } = walk(flow, { s6: ["referral", "finished"], [step]: ["refuse"] }, monday0800);
    expect(visits.map((v) => v.step).slice(6)).toEqual(["lapor_rujukan", ...chain.slice(0, i + 1), "s5", "s6", "arsip"]);
  });
});

describe("engine refusals and escalation on real flows", () => {
  const flow = flowOf("konseling-online-praja");
  const org = orgOf(flow);
  const opened = advanceCase({
    case: { id: "c", number: 7, orgId: "ipdn", flowId: flow.id, status: "open", clientId: "client", counsellorId: "k1", version: 0, openRun: null },
    event: { type: "open", at: monday0800 },
    flow,
    organisation: org,
  });
  if (!opened.ok) throw new Error("open refused");

  it("only the client completes the client's form; another counsellor may not act on an assigned case", () => {
    const byStranger = advanceCase({
      case: opened.case,
      event: { type: "step_done", stepId: "s1", outcome: "done", actor: { personId: "x", roles: [] }, at: monday0800 },
      flow,
      organisation: org,
    });
    expect(byStranger).toMatchObject({ ok: false, refusal: { reason: "wrong_role", needed: "klien" } });
    const s2 = advanceCase({
      case: opened.case,
      event: { type: "step_done", stepId: "s1", outcome: "done", actor: { personId: "client", roles: [] }, at: monday0800 },
      flow,
      organisation: org,
    });
    if (!s2.ok) throw new Error("refused");
    const s3 = advanceCase({
      case: s2.case,
      event: { type: "step_done", stepId: "s2", outcome: "done", actor: { personId: "st", roles: ["staf"] }, at: monday0800 },
      flow,
      organisation: org,
    });
    if (!s3.ok) throw new Error("refused");
    const other = advanceCase({
      case: s3.case,
      event: { type: "step_done", stepId: "s3a", outcome: "done", actor: { personId: "k2", roles: ["konselor"] }, at: monday0800 },
      flow,
      organisation: org,
    });
    expect(other).toMatchObject({ ok: false, refusal: { reason: "wrong_role" } });
  });

  it("an overdue step escalates to the next role of the organisation's chain; not before its deadline", () => {
    const early = advanceCase({ case: opened.case, event: { type: "deadline_passed", stepId: "s1", at: monday0800 }, flow, organisation: org });
    expect(early).toMatchObject({ ok: false, refusal: { reason: "not_overdue" } });
    const late = advanceCase({
      case: opened.case,
      event: { type: "deadline_passed", stepId: "s1", at: new Date("2026-11-30T09:00:00+07:00") },
      flow,
      organisation: org,
    });
    expect(late.ok && late.effects.find((e) => e.kind === "escalate")).toMatchObject({ fromRole: "klien", toRole: "konselor" });
  });

  it("a step done after its deadline is marked late", () => {
    const r = advanceCase({
      case: opened.case,
      event: { type: "step_done", stepId: "s1", outcome: "done", actor: { personId: "client", roles: [] }, at: new Date("2026-11-30T08:11:00+07:00") },
      flow,
      organisation: org,
    });
    expect(r.ok && r.effects.find((e) => e.kind === "finish_step")).toMatchObject({ late: true });
  });
});
