// The policy's answers that depend on Kualifikasi Pelaksana (a step requiring a qualification) and on who may
// hand a case over to another SOP. The role matrix itself is test/core/policy.test.ts.
import { describe, expect, it } from "vitest";
import { decide, missingQualifications, type PolicyQuestion, type Subject } from "../../src/core/policy.ts";

const puspagaCase = { orgId: "puspaga", clientId: "client", counsellorId: "A" };
const counselling = { role: "konselor", action: "form", requiresQualification: ["psikolog", "konselor_sarjana"] };
const konselor = (personId: string, ...qualifications: string[]): Subject => ({
  personId,
  roles: [{ orgId: "puspaga", role: "konselor" }],
  qualifications: qualifications.map((id) => ({ orgId: "puspaga", id })),
});
const act = (subject: Subject, c: PolicyQuestion["case"] = puspagaCase, step = counselling) => decide({ subject, action: "step.act", case: c, step });

describe("a step that requires a qualification", () => {
  it("is recorded by the case's counsellor when they hold one of the qualifications", () => {
    expect(act(konselor("A", "konselor_sarjana"))).toEqual({ allowed: true, because: "the case's counsellor" });
    expect(act(konselor("A", "psikolog"))).toEqual({ allowed: true, because: "the case's counsellor" });
  });

  it("is refused to the case's counsellor without one, saying which qualifications it needs", () => {
    expect(act(konselor("A"))).toEqual({ allowed: false, because: "needs qualification psikolog or konselor_sarjana" });
    expect(missingQualifications({ subject: konselor("A"), action: "step.act", case: puspagaCase, step: counselling })).toEqual([
      "psikolog",
      "konselor_sarjana",
    ]);
    // A qualification held in another organisation does not count here.
    const elsewhere: Subject = { ...konselor("A"), qualifications: [{ orgId: "ipdn", id: "psikolog" }] };
    expect(act(elsewhere).allowed).toBe(false);
  });

  it("may be done by another qualified counsellor only when the case's counsellor is known to lack the qualification", () => {
    const qualifiedB = konselor("B", "psikolog");
    expect(act(qualifiedB, { ...puspagaCase, counsellorQualifications: [] })).toEqual({
      allowed: true,
      because: "a qualified counsellor, for a step the case's counsellor is not qualified for",
    });
    expect(act(qualifiedB, { ...puspagaCase, counsellorQualifications: ["konselor_sarjana"] })).toEqual({
      allowed: false,
      because: "another counsellor's case",
    });
    // What the counsellor holds was not asked: the step stays theirs.
    expect(act(qualifiedB)).toEqual({ allowed: false, because: "another counsellor's case" });
    // An unqualified counsellor never stands in.
    expect(act(konselor("C"), { ...puspagaCase, counsellorQualifications: [] }).allowed).toBe(false);
  });

  it("asks nothing of those who only record an outside party's work, nor of a step without a requirement", () => {
    const staf: Subject = { personId: "S", roles: [{ orgId: "puspaga", role: "staf" }] };
    expect(act(staf, puspagaCase, { role: "psikiater", action: "external", requiresQualification: ["psikolog"] }).allowed).toBe(true);
    expect(act(konselor("A"), puspagaCase, { role: "konselor", action: "form", requiresQualification: [] }).allowed).toBe(true);
  });

  it("is refused for the role before the qualification: a kepala dinas is not a counsellor, qualified or not", () => {
    const kadis: Subject = { personId: "K", roles: [{ orgId: "puspaga", role: "kepala_dinas" }], qualifications: [{ orgId: "puspaga", id: "psikolog" }] };
    expect(act(kadis)).toEqual({ allowed: false, because: "needs konselor" });
  });
});

describe("handing a case over to another SOP", () => {
  const ipdnCase = { orgId: "ipdn", clientId: "client", counsellorId: "A" };
  const ipdn = (personId: string, role: string): Subject => ({ personId, roles: [{ orgId: "ipdn", role }] });
  const handOver = (subject: Subject) => decide({ subject, action: "case.handOver", case: ipdnCase }).allowed;

  it("is for the case's counsellor and the head of the unit", () => {
    expect(handOver(ipdn("A", "konselor"))).toBe(true);
    expect(handOver(ipdn("H", "kepala_unit"))).toBe(true);
  });

  it("is not for another counsellor, the staf, the rektor, the client or another organisation's head", () => {
    expect(handOver(ipdn("B", "konselor"))).toBe(false);
    expect(handOver(ipdn("S", "staf"))).toBe(false);
    expect(handOver(ipdn("R", "rektor"))).toBe(false);
    expect(handOver({ personId: "client", roles: [] })).toBe(false);
    expect(handOver({ personId: "P", roles: [{ orgId: "puspaga", role: "kepala_unit" }] })).toBe(false);
    expect(decide({ subject: ipdn("A", "konselor"), action: "case.handOver" }).allowed).toBe(false);
  });
});
