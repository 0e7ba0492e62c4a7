// Flow directories with one mistake each: the loader refuses them naming the file, the step and the reason.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeProblem, FlowLoadError, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/flows-broken/${name}`, import.meta.url));

/** Loads a fixture directory and returns the refusal, failing the test if it loads. */
function refusal(name: string): FlowLoadError {
  try {
    loadFlowsFromDir(fixture(name));
  } catch (error) {
    if (error instanceof FlowLoadError) return error;
    throw error;
  }
  throw new Error(`fixture ${name} loaded without problems`);
}

const NOT_A_DURATION = 'not a duration: use a number and a unit, e.g. "15m", "2h", "1d" (or "15 menit", "1 hari")';
const NEVER_CLOSES = "no archive step can be reached from here (the case would never close)";

const cases: Record<string, string[]> = {
  "unknown-role": ['unknown-role/konseling.yaml step s2: role "psikolog" is not a role of organisation demo (roles: klien, staf, konselor, kepala_unit)'],
  "missing-next-step": ['missing-next-step/konseling.yaml step s2: next.revise points to missing step "s9"'],
  "unreachable-step": ["unreachable-step/konseling.yaml step s2: unreachable: no path leads here from the first step (s1)"],
  "no-path-to-archive": [`no-path-to-archive/konseling.yaml step s2: ${NEVER_CLOSES}`, `no-path-to-archive/konseling.yaml step s3: ${NEVER_CLOSES}`],
  "bad-duration": [
    `bad-duration/konseling.yaml step s2: time: ${NOT_A_DURATION}`,
    "bad-duration/konseling.yaml step #3: id: Invalid input: expected string, received undefined",
    `bad-duration/konseling.yaml step #3: time: ${NOT_A_DURATION}`,
  ],
  "bad-outcome-key": [
    'bad-outcome-key/konseling.yaml step s2: outcome "approve" is not possible for a form step (allowed under next: done)',
    'bad-outcome-key/konseling.yaml step s2: a form step needs next for "done" (missing: done)',
  ],
  "duplicate-id": ['duplicate-id/konseling.yaml step s2: step id "s2" is used by more than one step'],
  "no-archive": ["no-archive/konseling.yaml: no archive step: every flow must end by archiving"],
  "unknown-organisation": ['unknown-organisation/konseling.yaml: unknown organisation "dinas_lain" (not in organisations.yaml)'],
  "decision-without-labels": [
    "decision-without-labels/konseling.yaml step s1: a decision step needs at least two outcomes under next",
    "decision-without-labels/konseling.yaml step s1: a decision step needs a label for each outcome (missing: selesai)",
    "decision-without-labels/konseling.yaml step s2: an archive step ends the flow and must not have next",
  ],
  "yaml-syntax": ["yaml-syntax/konseling.yaml: YAML syntax: Nested mappings are not allowed in compact mappings at line 15, column 11"],
};

describe("broken flow directories", () => {
  for (const [name, expected] of Object.entries(cases)) {
    it(`refuses ${name}`, () => {
      const error = refusal(name);
      expect(error.problems.map(describeProblem)).toEqual(expected);
      for (const line of expected) expect(error.message).toContain(`\n  ${line}`);
    });
  }

  it("collects the problems of every file instead of stopping at the first", () => {
    const error = refusal("several-files");
    expect(error.problems.map(describeProblem)).toEqual([
      'several-files/a-konseling.yaml step s1: role "psikolog" is not a role of organisation demo (roles: klien, staf, konselor, kepala_unit)',
      'several-files/b-konseling.yaml step s1: next points to missing step "s7"',
      `several-files/b-konseling.yaml step s1: ${NEVER_CLOSES}`,
      "several-files/b-konseling.yaml step s2: unreachable: no path leads here from the first step (s1)",
    ]);
    expect(error.message).toMatch(/^The flow files were refused \(4 problems\):\n/);
    expect(error.problems[0]).toEqual({
      file: "several-files/a-konseling.yaml",
      step: "s1",
      reason: 'role "psikolog" is not a role of organisation demo (roles: klien, staf, konselor, kepala_unit)',
    });
  });

  it("refuses a directory that does not exist", () => {
    expect(() => loadFlowsFromDir(fixture("no-such-dir"))).toThrowError(/no-such-dir: not a directory/);
  });
});
