// Kualifikasi Pelaksana in the flow files: each organisation lists its qualifications, a step may require one
// of them, and the loader refuses an id its organisation does not list (naming the file and the step), a list
// that names an id twice, and a requirement on the client's own step.
import { describe, expect, it } from "vitest";
import { loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import { meetsRequirement, qualificationLabel, requiredQualifications } from "../../src/flows/qualifications.ts";
import { flowsWith, loadProblems } from "../support/flowsCopy.ts";

describe("qualifications in flows/", () => {
  const loaded = loadFlowsFromDir("flows");

  it("lists each organisation's Kualifikasi Pelaksana from its SOPs", () => {
    expect(loaded.organisations.get("ipdn")!.qualifications.map((q) => q.id)).toEqual(["s1_psikologi", "s1_bk", "s2_bk", "psikolog"]);
    expect(loaded.organisations.get("puspaga")!.qualifications.map((q) => q.id)).toEqual(["psikolog", "konselor_sarjana"]);
    expect(qualificationLabel(loaded.organisations.get("puspaga"), "psikolog", "id")).toBe("Psikolog (minimal pendidikan profesi psikolog)");
    expect(qualificationLabel(loaded.organisations.get("ipdn"), "s2_bk", "en")).toBe("Master's degree in guidance and counselling");
  });

  it("PUSPAGA's counselling (step 5) needs a Psikolog or a Konselor with a degree; no other step requires one", () => {
    const required = [...loaded.flows.values()].flatMap((f) =>
      f.steps.filter((s) => requiredQualifications(s).length > 0).map((s) => [f.id, s.id, requiredQualifications(s)]),
    );
    expect(required).toEqual([["puspaga-konseling", "s5", ["psikolog", "konselor_sarjana"]]]);
  });

  it("a requirement is met by any one of its qualifications; no requirement by everybody", () => {
    expect(meetsRequirement(["konselor_sarjana"], ["psikolog", "konselor_sarjana"])).toBe(true);
    expect(meetsRequirement(["s1_bk"], ["psikolog"])).toBe(false);
    expect(meetsRequirement(undefined, ["psikolog"])).toBe(false);
    expect(meetsRequirement(undefined, [])).toBe(true);
  });

  it("refuses a step requiring a qualification its organisation does not list, naming the file and the step", () => {
    const dir = flowsWith("puspaga-konseling.yaml", (t) =>
      t.replace("requires_qualification: [psikolog, konselor_sarjana]", "requires_qualification: [psikiater_klinis]"),
    );
    expect(loadProblems(dir)).toEqual([
      'puspaga-konseling.yaml step s5: requires_qualification names "psikiater_klinis", which is not a qualification of organisation puspaga (its qualifications: psikolog, konselor_sarjana)',
    ]);
  });

  it("refuses an IPDN step requiring PUSPAGA's qualification: each organisation's list is its own", () => {
    const dir = flowsWith("terapi.yaml", (t) =>
      t.replace(
        "    action: form\n    writes: true\n    document: laporan_tertulis\n",
        "    action: form\n    writes: true\n    document: laporan_tertulis\n    requires_qualification: [konselor_sarjana]\n",
      ),
    );
    expect(loadProblems(dir)).toEqual([
      'terapi.yaml step s1: requires_qualification names "konselor_sarjana", which is not a qualification of organisation ipdn (its qualifications: s1_psikologi, s1_bk, s2_bk, psikolog)',
    ]);
  });

  it("refuses a requirement on the client's own step, and an empty requirement", () => {
    const onClient = flowsWith("puspaga-konseling.yaml", (t) =>
      t.replace("    output: Klien hadir\n    action: form\n", "    output: Klien hadir\n    action: form\n    requires_qualification: [psikolog]\n"),
    );
    expect(loadProblems(onClient)).toEqual(["puspaga-konseling.yaml step s1: requires_qualification on the client's own step: clients hold no qualifications"]);
    const empty = flowsWith("puspaga-konseling.yaml", (t) => t.replace("requires_qualification: [psikolog, konselor_sarjana]", "requires_qualification: []"));
    expect(loadProblems(empty)).toEqual(["puspaga-konseling.yaml step s5: requires_qualification: Too small: expected array to have >=1 items"]);
  });

  it("refuses a qualification listed twice, and a malformed id", () => {
    const twice = flowsWith("organisations.yaml", (t) => t.replace("      - { id: s2_bk,", "      - { id: s1_bk, label: S1 BK lagi }\n      - { id: s2_bk,"));
    expect(loadProblems(twice)).toEqual(['organisations.yaml: organisation ipdn: qualification "s1_bk" is defined more than once']);
    const malformed = flowsWith("organisations.yaml", (t) => t.replace("{ id: s2_bk,", "{ id: S2 BK,"));
    expect(loadProblems(malformed)).toEqual(["organisations.yaml: organisation ipdn: qualifications[2].id: use lower-case letters, digits, - and _"]);
  });
});
