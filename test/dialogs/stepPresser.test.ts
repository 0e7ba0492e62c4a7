// Who presses a step's button, as the policy sees them (src/dialogs/stepPresser.ts), on a real SQLite database:
// only their roles and qualifications in the case's organisation count, the case's counsellor's qualifications
// are read from the store; and the refusal for a presser who holds the step's role but not the qualification the
// step requires names the qualifications, in the presser's language (PUSPAGA's counselling step, s5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notQualifiedText, presserOnCase } from "../../src/dialogs/stepPresser.ts";
import { grantQualification } from "../../src/store/staffQualifications.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("stepPresser", () => {
  let b: DialogBench;
  let dual: string; // konselor at PUSPAGA and staf at IPDN
  let psikolog: string; // konselor at PUSPAGA, qualified as psikolog there
  const grant = (personId: string, orgId: string, qualification: string) =>
    b.app.db.prisma.$transaction((tx) => grantQualification(tx, { personId, orgId, qualification, at: NOW }));
  const s5 = () => b.app.flowContext("puspaga-konseling").flow.step("s5")!;
  /** A konselor step that requires no qualification. */
  const jadwalBaru = () => b.app.flowContext("puspaga-konseling").flow.step("jadwal_baru")!;

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
    dual = await b.staff({ address: "tg-dual", roles: ["konselor"], name: "Dual", org: "puspaga" });
    await b.app.db.prisma.staffRole.create({ data: { personId: dual, orgId: "ipdn", role: "staf" } });
    // Qualified at IPDN only: it does not count at PUSPAGA.
    await grant(dual, "ipdn", "psikolog");
    psikolog = await b.staff({ address: "tg-psikolog", roles: ["konselor"], name: "Psikolog", org: "puspaga" });
    await grant(psikolog, "puspaga", "psikolog");
  }, 60_000);
  afterAll(async () => b?.close());

  it("takes the presser's roles and qualifications in the case's organisation only, and the counsellor's from the store", async () => {
    const { result } = await b.turn({ address: "tg-dual" }, (turn) => presserOnCase(turn, { orgId: "puspaga", clientId: "client-1", counsellorId: psikolog }));
    expect(result).toEqual({
      actor: { personId: dual, roles: ["konselor"], qualifications: [] },
      snapshot: { orgId: "puspaga", clientId: "client-1", counsellorId: psikolog, counsellorQualifications: ["psikolog"] },
    });
    const atIpdn = await b.turn({ address: "tg-dual" }, (turn) => presserOnCase(turn, { orgId: "ipdn", clientId: "client-2", counsellorId: null }));
    expect(atIpdn.result).toEqual({
      actor: { personId: dual, roles: ["staf"], qualifications: ["psikolog"] },
      snapshot: { orgId: "ipdn", clientId: "client-2", counsellorId: null, counsellorQualifications: [] },
    });
  });

  it("a stranger presses as nobody with no roles", async () => {
    const { result } = await b.turn({ address: "nobody" }, (turn) => presserOnCase(turn, { orgId: "puspaga", clientId: "c", counsellorId: null }));
    expect(result.actor).toEqual({ personId: "", roles: [], qualifications: [] });
  });

  it("refuses a konselor without the step's qualification, naming the qualifications the step accepts", async () => {
    const { result } = await b.turn({ address: "tg-dual" }, async (turn) => {
      const presser = await presserOnCase(turn, { orgId: "puspaga", clientId: "c", counsellorId: dual });
      return notQualifiedText(turn, { step: s5(), caseNo: 7, presser });
    });
    expect(result).toBe(
      "Kasus #7, langkah 5 hanya dapat dicatat oleh pemegang kualifikasi Psikolog (minimal pendidikan profesi psikolog) atau " +
        "Konselor (minimal sarjana psikologi, bimbingan konseling atau pekerja sosial). Kualifikasi Anda belum tercatat demikian, jadi " +
        "langkah ini tidak dicatat. Bila Anda memilikinya, minta admin mencatatnya.",
    );
  });

  it("has nothing to say to a qualified presser, to one without the step's role, or on a step that requires nothing", async () => {
    const texts: (string | null)[] = [];
    for (const [address, step] of [
      ["tg-psikolog", s5()],
      ["nobody", s5()],
      ["tg-dual", jadwalBaru()],
    ] as const) {
      const { result } = await b.turn({ address }, async (turn) => {
        const presser = await presserOnCase(turn, { orgId: "puspaga", clientId: "c", counsellorId: null });
        return notQualifiedText(turn, { step, caseNo: 7, presser });
      });
      texts.push(result);
    }
    expect(texts).toEqual([null, null, null]);
  });

  it("speaks the presser's language", async () => {
    await b.app.db.prisma.person.update({ where: { id: dual }, data: { locale: "en" } });
    const { result } = await b.turn({ address: "tg-dual" }, async (turn) => {
      const presser = await presserOnCase(turn, { orgId: "puspaga", clientId: "c", counsellorId: null });
      return notQualifiedText(turn, { step: s5(), caseNo: 7, presser });
    });
    expect(result).toMatch(
      /^Case #7, step 5 can only be recorded by someone qualified as Psychologist \(professional education in psychology\) or Counsellor /,
    );
  });
});
