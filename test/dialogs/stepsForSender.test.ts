// Which waiting counsellor steps are the sender's to do, for /kasus (src/dialogs/stepsForSender.ts), on a real SQLite
// database with PUSPAGA's flow: a counsellor's step is the case's counsellor's (anyone's while none is assigned); a
// step that requires a qualification (s5: psikolog or konselor_sarjana) is only for holders, and when the case's
// counsellor lacks it, for a qualified counsellor instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepsForSender } from "../../src/dialogs/stepsForSender.ts";
import type { WaitingStep } from "../../src/store/cases/waitingSteps.ts";
import { grantQualification } from "../../src/store/staffQualifications.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("stepsForSender", () => {
  let b: DialogBench;
  let ani: string; // konselor, not qualified
  let psi: string; // konselor, psikolog
  let runs: WaitingStep[];
  const run = (id: string, stepId: string, counsellorId: string | null): WaitingStep => ({
    id,
    stepId,
    stepNo: stepId,
    role: "konselor",
    deadlineAt: NOW,
    case: { id: `case-${id}`, number: 1, flowId: "puspaga-konseling", counsellorId },
  });
  const mine = async (address: string) => (await b.turn({ address }, (turn) => stepsForSender(turn, runs))).result.map((r) => r.id);

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
    ani = await b.staff({ address: "tg-ani", roles: ["konselor"], name: "Ani", org: "puspaga" });
    psi = await b.staff({ address: "tg-psi", roles: ["konselor"], name: "Psi", org: "puspaga" });
    await b.staff({ address: "tg-other", roles: ["konselor"], name: "Lain", org: "puspaga" });
    await b.app.db.prisma.$transaction((tx) => grantQualification(tx, { personId: psi, orgId: "puspaga", qualification: "psikolog", at: NOW }));
    runs = [
      run("ani-plain", "jadwal_baru", ani),
      run("unassigned-plain", "jadwal_baru", null),
      run("ani-qualified-step", "s5", ani),
      run("psi-qualified-step", "s5", psi),
      run("unassigned-qualified-step", "s5", null),
    ];
  }, 60_000);
  afterAll(async () => b?.close());

  it("the case's counsellor gets their own steps and the unassigned ones, not a step that requires what they lack", async () => {
    expect(await mine("tg-ani")).toEqual(["ani-plain", "unassigned-plain"]);
  });

  it("a qualified counsellor gets their own, the unassigned, and the qualified step of a case whose counsellor lacks it", async () => {
    expect(await mine("tg-psi")).toEqual(["unassigned-plain", "ani-qualified-step", "psi-qualified-step", "unassigned-qualified-step"]);
  });

  it("another counsellor gets only what nobody is assigned to and needs no qualification", async () => {
    expect(await mine("tg-other")).toEqual(["unassigned-plain"]);
  });
});
