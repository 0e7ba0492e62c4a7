// Which open cases a set of flow files no longer fits (src/flows/orphanedCases.ts), on the real flows.
import { describe, expect, it } from "vitest";
import { describeProblem, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import { orphanedCases } from "../../src/flows/orphanedCases.ts";

const flows = loadFlowsFromDir("flows");

describe("orphanedCases", () => {
  it("names each case waiting on a step its flow no longer has, and each case whose flow is gone", () => {
    const problems = orphanedCases(
      flows,
      [
        { caseNo: 1, flowId: "konseling-online-praja", stepIds: ["s3a"] },
        { caseNo: 2, flowId: "konseling-online-praja", stepIds: ["s3-lama", "s4-lama"] },
        { caseNo: 3, flowId: "konseling-lama", stepIds: ["s1"] },
      ],
      "flows",
    );
    expect(problems.map(describeProblem)).toEqual([
      "flows/konseling-online-praja.yaml step s3-lama: open case #2 waits on this step, which the file no longer has: keep the step id until the case has moved on (or is closed)",
      "flows/konseling-online-praja.yaml step s4-lama: open case #2 waits on this step, which the file no longer has: keep the step id until the case has moved on (or is closed)",
      'flows: open case #3 is on flow "konseling-lama", which no file defines any more: restore it, or close the case first',
    ]);
  });

  it("finds nothing when every open case finds its flow and steps", () => {
    expect(orphanedCases(flows, [{ caseNo: 1, flowId: "bk-praja", stepIds: [flows.flows.get("bk-praja")!.steps[0]!.id] }], "flows")).toEqual([]);
  });
});
