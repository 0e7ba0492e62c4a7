// The authorisation matrix: every action × every kind of person, on one IPDN case whose counsellor is A.
// One table, written out by hand from the rules in DESIGN.md (a client sees only their case, a counsellor
// only theirs, leadership the reports the SOP sends them, staff what their steps need).
import { describe, expect, it } from "vitest";
import { decide, type PolicyQuestion, type Subject } from "../../src/core/policy.ts";

const ipdnCase = { orgId: "ipdn", clientId: "client", counsellorId: "konselorA" };
const ipdn = (...roles: string[]) => roles.map((role) => ({ orgId: "ipdn", role }));
const puspaga = (...roles: string[]) => roles.map((role) => ({ orgId: "puspaga", role }));

const SUBJECTS: Record<string, Subject> = {
  client: { personId: "client", roles: [] },
  "konselor (assigned)": { personId: "konselorA", roles: ipdn("konselor") },
  "konselor (not assigned)": { personId: "konselorB", roles: ipdn("konselor") },
  staf: { personId: "staf", roles: ipdn("staf") },
  kasubbag: { personId: "kasubbag", roles: ipdn("kasubbag") },
  "kepala unit": { personId: "kepala", roles: ipdn("kepala_unit") },
  "kepala biro": { personId: "biro", roles: ipdn("kepala_biro") },
  rektor: { personId: "rektor", roles: ipdn("rektor") },
  "PUSPAGA staf": { personId: "p1", roles: puspaga("staf") },
  "PUSPAGA konselor": { personId: "p2", roles: puspaga("konselor") },
  "PUSPAGA eselon IV": { personId: "p3", roles: puspaga("eselon_iv") },
  "PUSPAGA eselon III": { personId: "p4", roles: puspaga("eselon_iii") },
  "PUSPAGA kepala dinas": { personId: "p5", roles: puspaga("kepala_dinas") },
  "another client": { personId: "someoneElse", roles: [] },
  "unlinked stranger": { personId: null, roles: [] },
};

const QUESTIONS: Record<string, Omit<PolicyQuestion, "subject">> = {
  "see the case": { action: "case.view", case: ipdnCase },
  "read the complaint": { action: "case.viewIntake", case: ipdnCase },
  "answer the client": { action: "case.answerClient", case: ipdnCase },
  "move/cancel the session": { action: "case.manageSession", case: ipdnCase },
  "download the registration form": { action: "document.download", case: ipdnCase, documentKind: "formulir_pendaftaran" },
  "download the written report": { action: "document.download", case: ipdnCase, documentKind: "laporan_tertulis" },
  "download the nota dinas": { action: "document.download", case: ipdnCase, documentKind: "nota_dinas" },
  "download the disposisi": { action: "document.download", case: ipdnCase, documentKind: "disposisi" },
  "see IPDN's recap": { action: "org.viewRecap", orgId: "ipdn" },
  "log in to the dashboard": { action: "dashboard.login" },
  "confirm an IPDN erasure": { action: "client.confirmErasure", orgId: "ipdn" },
  "record a konselor step": { action: "step.act", case: ipdnCase, step: { role: "konselor", action: "form" } },
  "record the Kepala Unit's approval": { action: "step.act", case: ipdnCase, step: { role: "kepala_unit", action: "approval" } },
  "record the related unit's supervision": { action: "step.act", case: ipdnCase, step: { role: "unit_terkait", action: "external" } },
  "record the client's own form": { action: "step.act", case: ipdnCase, step: { role: "klien", action: "form" } },
};

// Y = allowed. Columns in the order of QUESTIONS above.
const EXPECTED: Record<string, string> = {
  //                         view intake answer session form report nota dispo recap login erase konselor kepala external client-form
  client: "Y    Y      N      Y       N    N      N    N     N     N     N     N        N      N        Y",
  "konselor (assigned)": "Y    Y      Y      Y       Y    Y      Y    Y     N     Y     N     Y        N      N        N",
  "konselor (not assigned)": "N    N      N      N       N    N      N    N     N     Y     N     N        N      N        N",
  staf: "Y    N      N      N       N    N      N    Y     N     Y     N     N        N      Y        N",
  kasubbag: "Y    N      N      N       N    Y      Y    Y     Y     Y     N     N        N      N        N",
  "kepala unit": "Y    N      N      N       N    Y      Y    Y     Y     Y     Y     N        Y      N        N",
  "kepala biro": "Y    N      N      N       N    Y      Y    Y     Y     Y     N     N        N      N        N",
  rektor: "Y    N      N      N       N    Y      Y    Y     Y     Y     N     N        N      N        N",
  "PUSPAGA staf": "N    N      N      N       N    N      N    N     N     Y     N     N        N      N        N",
  "PUSPAGA konselor": "N    N      N      N       N    N      N    N     N     Y     N     N        N      N        N",
  "PUSPAGA eselon IV": "N    N      N      N       N    N      N    N     N     Y     N     N        N      N        N",
  "PUSPAGA eselon III": "N    N      N      N       N    N      N    N     N     Y     N     N        N      N        N",
  "PUSPAGA kepala dinas": "N    N      N      N       N    N      N    N     N     Y     N     N        N      N        N",
  "another client": "N    N      N      N       N    N      N    N     N     N     N     N        N      N        N",
  "unlinked stranger": "N    N      N      N       N    N      N    N     N     N     N     N        N      N        N",
};

describe("authorisation matrix", () => {
  const questions = Object.entries(QUESTIONS);
  for (const [who, subject] of Object.entries(SUBJECTS)) {
    const row = EXPECTED[who]!.split(/\s+/);
    it(`${who}`, () => {
      expect(row).toHaveLength(questions.length);
      const actual = questions.map(([, q]) => (decide({ ...q, subject }).allowed ? "Y" : "N"));
      const labelled = (answers: string[]) => Object.fromEntries(questions.map(([label], i) => [label, answers[i]]));
      expect(labelled(actual)).toEqual(labelled(row));
    });
  }

  it("an unassigned case: any of the organisation's counsellors may take it up and answer; others may not", () => {
    const unassigned = { ...ipdnCase, counsellorId: null };
    expect(decide({ subject: SUBJECTS["konselor (not assigned)"]!, action: "case.answerClient", case: unassigned }).allowed).toBe(true);
    expect(
      decide({ subject: SUBJECTS["konselor (not assigned)"]!, action: "step.act", case: unassigned, step: { role: "konselor", action: "form" } }).allowed,
    ).toBe(true);
    expect(decide({ subject: SUBJECTS["PUSPAGA konselor"]!, action: "case.answerClient", case: unassigned }).allowed).toBe(false);
  });

  it("looks at current roles: the case's former counsellor, no longer holding the role, may do nothing on it", () => {
    const former = { personId: "konselorA", roles: ipdn("staf") };
    for (const action of ["case.viewIntake", "case.answerClient", "case.manageSession", "case.handOver"] as const) {
      expect(decide({ subject: former, action, case: ipdnCase }).allowed, action).toBe(false);
    }
    expect(decide({ subject: former, action: "step.act", case: ipdnCase, step: { role: "konselor", action: "form" } }).allowed).toBe(false);
    expect(decide({ subject: former, action: "document.download", case: ipdnCase, documentKind: "formulir_pendaftaran" }).allowed).toBe(false);
  });

  it("says why, for the audit trail", () => {
    expect(decide({ subject: SUBJECTS["konselor (not assigned)"]!, action: "case.viewIntake", case: ipdnCase }).because).toMatch(/counsellor only/);
  });
});
