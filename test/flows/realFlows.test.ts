// The flows/ directory shipped with the product: it loads cleanly and says what the SOPs say.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { transitionsOf } from "../../src/flows/flowSchema.ts";
import { listFlowsTable } from "../../src/flows/flowSummary.ts";
import { loadFlowsFromDir, stepById } from "../../src/flows/loadFlows.ts";

const flowsDir = fileURLToPath(new URL("../../flows", import.meta.url));
const loaded = loadFlowsFromDir(flowsDir);

const flow = (id: string) => {
  const f = loaded.flows.get(id);
  if (!f) throw new Error(`flow ${id} not loaded`);
  return f;
};

const IPDN_TWELVE = ["1", "2", "3", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

describe("flows/", () => {
  it("loads both organisations with their chains", () => {
    expect([...loaded.organisations.keys()]).toEqual(["ipdn", "puspaga"]);
    const ipdn = loaded.organisations.get("ipdn")!;
    // Whom each role answers to (was one chain, which sent a late staf step to a counsellor).
    expect(ipdn.escalation).toEqual({
      klien: "konselor",
      staf: "kasubbag",
      konselor: "kepala_unit",
      kasubbag: "kepala_unit",
      kepala_unit: "kepala_biro",
      kepala_biro: "rektor",
      rektor: null,
      unit_terkait: "staf",
      psikiater: "staf",
    });
    expect(ipdn.crisisRoles).toEqual(["kepala_unit"]);
    expect(ipdn.roles.map((r) => r.id)).toEqual(["klien", "staf", "konselor", "kasubbag", "kepala_unit", "unit_terkait", "psikiater", "kepala_biro", "rektor"]);
    const puspaga = loaded.organisations.get("puspaga")!;
    // Every role answers to someone or to nobody (~); who each answers to is test/core/escalationTarget.test.ts's.
    expect(Object.keys(puspaga.escalation).sort()).toEqual(puspaga.roles.map((r) => r.id).sort());
    expect(puspaga.crisisRoles).toEqual(["eselon_iv"]);
    expect(puspaga.roles.map((r) => r.id)).toEqual(["klien", "staf", "konselor", "eselon_iv", "eselon_iii", "kepala_dinas"]);
  });

  it("uses the Jakarta office calendar with the fixed national holidays", () => {
    for (const org of loaded.organisations.values()) {
      expect(org.calendar).toMatchObject({ timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00" });
      for (const date of ["2026-01-01", "2026-05-01", "2026-06-01", "2026-08-17", "2026-12-25", "2027-01-01", "2027-08-17", "2027-12-25"]) {
        expect(org.calendar.holidays).toContain(date);
      }
      expect(new Set(org.calendar.holidays).size).toBe(org.calendar.holidays.length);
    }
  });

  it("loads the five SOPs and remembers their files", () => {
    expect([...loaded.flows.keys()].sort()).toEqual(["bk-pegawai", "bk-praja", "konseling-online-praja", "puspaga-konseling", "terapi"]);
    expect(loaded.files.get("bk-praja")).toBe("flows/bk-praja.yaml");
  });

  it("keeps every SOP row, in order, with the SOP's own numbers", () => {
    expect(flow("bk-praja").steps.map((s) => s.no)).toEqual(IPDN_TWELVE);
    expect(flow("bk-pegawai").steps.map((s) => s.no)).toEqual(IPDN_TWELVE);
    expect(flow("konseling-online-praja").steps.map((s) => s.no)).toEqual(["1", "2", "3", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(flow("terapi").steps.map((s) => s.no)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    expect(flow("puspaga-konseling").steps.map((s) => s.no)).toEqual(["1", "2", "3", "4", "5", "6", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "7"]);
  });

  it("has the expected step counts", () => {
    const counts = Object.fromEntries([...loaded.flows.values()].map((f) => [f.id, f.steps.length]));
    expect(counts).toEqual({ "bk-praja": 13, "bk-pegawai": 13, "konseling-online-praja": 11, terapi: 11, "puspaga-konseling": 14 });
  });

  it("tells the repeated number 3 apart by id", () => {
    for (const id of ["bk-praja", "bk-pegawai", "konseling-online-praja"]) {
      expect(
        flow(id)
          .steps.slice(2, 4)
          .map((s) => s.id),
      ).toEqual(["s3a", "s3b"]);
    }
  });

  it("lists the kinds of client who may open each flow from the chat", () => {
    const clients = Object.fromEntries([...loaded.flows.values()].map((f) => [f.id, f.clients]));
    expect(clients).toEqual({
      "bk-praja": [],
      "bk-pegawai": ["pegawai"],
      "konseling-online-praja": ["praja"],
      terapi: [],
      "puspaga-konseling": ["klien"],
    });
  });

  it("ends every flow with one archive step and nothing after it", () => {
    for (const f of loaded.flows.values()) {
      const archives = f.steps.filter((s) => s.action === "archive");
      expect(
        archives.map((s) => s.id),
        f.id,
      ).toEqual([f.steps.at(-1)!.id]);
      expect(archives[0]!.next, f.id).toBeUndefined();
      expect(f.clock, f.id).toBe("working");
    }
  });

  it("sends every revision back to an earlier step", () => {
    for (const f of loaded.flows.values()) {
      for (const [index, step] of f.steps.entries()) {
        if (step.action !== "approval") continue;
        const revise = transitionsOf(step).revise!;
        expect(
          f.steps.findIndex((s) => s.id === revise),
          `${f.id} ${step.id}`,
        ).toBeLessThan(index);
      }
    }
  });

  it("records the actors named by the online SOP", () => {
    const online = flow("konseling-online-praja");
    expect(stepById(online, "s1")).toMatchObject({ role: "klien", action: "form" });
    expect(stepById(online, "s4")).toMatchObject({ role: "kepala_unit", action: "approval", next: { approve: "s5", revise: "s3b" } });
    expect(stepById(online, "s5")).toMatchObject({ role: "konselor", action: "schedule" });
    expect(stepById(online, "s8")).toMatchObject({ role: "rektor", action: "disposisi" });
  });

  it("has the handling plan approved by the Kasubbag and the Head of Unit in the walk-in services", () => {
    for (const id of ["bk-praja", "bk-pegawai"]) {
      const f = flow(id);
      expect(stepById(f, "s4"), id).toMatchObject({ role: "kasubbag", action: "approval", next: { approve: "s5", revise: "s3b" } });
      expect(stepById(f, "s5"), id).toMatchObject({ role: "kepala_unit", action: "approval", next: { approve: "s6", revise: "s3b" } });
      expect(stepById(f, "s6"), id).toMatchObject({ role: "unit_terkait", action: "external" });
      expect(stepById(f, "s10"), id).toMatchObject({ role: "rektor", action: "disposisi" });
    }
  });

  it("carries the therapy report up to the Rector by disposisi, after the Kepala Unit's Nota Dinas at row 3", () => {
    const terapi = flow("terapi");
    // Row 3 is the Kepala Unit's report "kepada pimpinan serta bagian terkait" with a Nota Dinas (was a disposisi to staf).
    expect(terapi.steps.filter((s) => s.action === "disposisi").map((s) => `${s.id}:${s.role}`)).toEqual(["s7:kepala_unit", "s8:kepala_biro", "s9:rektor"]);
    expect(stepById(terapi, "s3")).toMatchObject({
      role: "kepala_unit",
      action: "approval",
      document: "nota_dinas",
      cc: ["kepala_biro", "rektor"],
      document_to: ["psikiater"],
      next: { approve: "s4", revise: "s1", refuse: "s11" },
    });
    expect(stepById(terapi, "s5")).toMatchObject({ role: "psikiater", action: "external", upload: "surat_hasil_pemeriksaan", cc: ["kepala_unit"] });
  });

  it("lets leadership refuse where the SOP gives it the decision: the referral's three echelons and the therapy", () => {
    const refusals = [...loaded.flows.values()].flatMap((f) =>
      f.steps.filter((s) => transitionsOf(s).refuse).map((s) => `${f.id} ${s.id}:${s.role} -> ${transitionsOf(s).refuse}`),
    );
    expect(refusals).toEqual([
      "puspaga-konseling setuju_eselon_iv:eselon_iv -> s5",
      "puspaga-konseling setuju_eselon_iii:eselon_iii -> s5",
      "puspaga-konseling setuju_kepala_dinas:kepala_dinas -> s5",
      "terapi s3:kepala_unit -> s11",
    ]);
  });

  it("tells the client of milestones only, copies the plan of Konseling Online row 3 to the Kasubbag, and counts two steps from the session's end", () => {
    const told = [...loaded.flows.values()].flatMap((f) => f.steps.filter((s) => s.tell_client).map((s) => `${f.id} ${s.id}`));
    expect(told).toEqual(["bk-pegawai s3a", "bk-praja s3a", "konseling-online-praja s3a", "puspaga-konseling s5", "terapi s4"]);
    expect(stepById(flow("konseling-online-praja"), "s3b")!.cc).toEqual(["kasubbag"]);
    const anchored = [...loaded.flows.values()].flatMap((f) => f.steps.filter((s) => s.clock_from === "session_end").map((s) => `${f.id} ${s.id}`));
    expect(anchored).toEqual(["konseling-online-praja s6", "puspaga-konseling s5"]);
  });

  it("branches PUSPAGA after step 6 as the flowchart does", () => {
    const puspaga = flow("puspaga-konseling");
    const s6 = stepById(puspaga, "s6")!;
    expect(s6.action).toBe("decision");
    expect(transitionsOf(s6)).toEqual({
      finished: "arsip",
      new_schedule: "jadwal_baru",
      coordination: "koordinasi_instansi",
      referral: "lapor_rujukan",
    });
    expect(Object.keys(s6.labels ?? {}).sort()).toEqual(["coordination", "finished", "new_schedule", "referral"]);
    expect(stepById(puspaga, "jadwal_baru")).toMatchObject({ action: "schedule", next: "s5" });
    const approvals = puspaga.steps.filter((s) => s.action === "approval").map((s) => s.role);
    expect(approvals).toEqual(["eselon_iv", "eselon_iii", "kepala_dinas"]);
    expect(stepById(puspaga, "arsip")).toMatchObject({ role: "staf", action: "archive" });
    expect(stepById(puspaga, "arsip")!.note).toMatch(/DITAMBAHKAN/);
  });

  it("explains doubtful readings to the proofreader", () => {
    for (const f of loaded.flows.values()) {
      expect(f.source, f.id).toMatch(/seed 00[03]_/);
      for (const step of f.steps) expect(step.activity_en, `${f.id} ${step.id}`).toBeTruthy();
    }
  });

  it("lists the flows as a table", () => {
    const lines = listFlowsTable(loaded).split("\n");
    expect(lines[0]).toMatch(/^id\s+title\s+organisation\s+steps$/);
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith("puspaga-konseling"))).toMatch(/puspaga\s+14$/);
    expect(lines.find((l) => l.startsWith("bk-praja "))).toMatch(/Administrasi Layanan Bimbingan dan Konseling Praja\s+ipdn\s+13$/);
  });
});
