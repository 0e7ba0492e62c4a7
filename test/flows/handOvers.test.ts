// Keterkaitan in the flow files: the BK flows name SOP Terapi as where their cases may be handed over, and at
// which steps; the loader refuses a hand-over to a flow that does not exist, to another organisation's flow or
// to the flow itself, and one from a step the flow does not have.
import { describe, expect, it } from "vitest";
import { handOverLabel, handOversAt } from "../../src/flows/handOvers.ts";
import { loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import { flowsWith, loadProblems } from "../support/flowsCopy.ts";

describe("hand-overs in flows/", () => {
  const loaded = loadFlowsFromDir("flows");

  it("the three BK flows hand over to SOP Terapi from the counsellor's report and the carrying out of the disposisi", () => {
    const offered = [...loaded.flows.values()].flatMap((f) => f.hands_over_to.map((h) => [f.id, h.flow, h.at]));
    expect(offered).toEqual([
      ["bk-pegawai", "terapi", ["s8", "s11"]],
      ["bk-praja", "terapi", ["s8", "s11"]],
      ["konseling-online-praja", "terapi", ["s6", "s9"]],
    ]);
    const bk = loaded.flows.get("bk-praja")!;
    expect(handOversAt(bk, "s11").map((h) => handOverLabel(h, "id"))).toEqual(["Serahkan ke SOP Terapi"]);
    expect(handOversAt(bk, "s11").map((h) => handOverLabel(h, "en"))).toEqual(["Hand over to the therapy SOP"]);
    expect(handOversAt(bk, "s9")).toEqual([]);
    expect(handOversAt(bk, "s10")).toEqual([]);
  });

  it("refuses a hand-over to a flow that does not exist, naming the file", () => {
    const dir = flowsWith("bk-praja.yaml", (t) => t.replace("  - flow: terapi\n", "  - flow: terapi-psikiatri\n"));
    expect(loadProblems(dir)).toEqual([
      'bk-praja.yaml: hands_over_to[0]: flow "terapi-psikiatri" does not exist (flows: bk-pegawai, bk-praja, konseling-online-praja, puspaga-konseling, terapi)',
    ]);
  });

  it("refuses a hand-over to another organisation's flow, to the flow itself, and from a step it does not have", () => {
    expect(loadProblems(flowsWith("bk-praja.yaml", (t) => t.replace("  - flow: terapi\n", "  - flow: puspaga-konseling\n")))).toEqual([
      'bk-praja.yaml: hands_over_to[0]: flow "puspaga-konseling" runs in organisation puspaga, not ipdn',
    ]);
    expect(loadProblems(flowsWith("bk-pegawai.yaml", (t) => t.replace("  - flow: terapi\n", "  - flow: bk-pegawai\n")))).toEqual([
      "bk-pegawai.yaml: hands_over_to[0]: a flow cannot hand its cases over to itself",
    ]);
    expect(loadProblems(flowsWith("konseling-online-praja.yaml", (t) => t.replace("at: [s6, s9]", "at: [s6, s13]")))).toEqual([
      'konseling-online-praja.yaml: hands_over_to[0].at names "s13", which is not a step of this flow',
    ]);
  });

  it("refuses a hand-over without its button text", () => {
    expect(loadProblems(flowsWith("bk-praja.yaml", (t) => t.replace("    label: Serahkan ke SOP Terapi\n", "")))).toEqual([
      "bk-praja.yaml: hands_over_to[0].label: Invalid input: expected string, received undefined",
    ]);
  });
});
