// A loaded flow's lookups: a step by id, its outcomes, where an outcome leads, and texts in the reader's language.
import { describe, expect, it } from "vitest";
import { flowSchema } from "../../src/flows/flowSchema.ts";

const flow = flowSchema.parse({
  id: "demo",
  title: "Alur",
  title_en: "Flow",
  organisation: "demo",
  source: "test",
  steps: [
    {
      id: "s1",
      no: "1",
      activity: "Menyetujui",
      activity_en: "Approve",
      role: "kepala_unit",
      time: "1d",
      output: "-",
      action: "approval",
      next: { approve: "s2", revise: "s1" },
    },
    { id: "s2", no: "2", activity: "Mengarsipkan", role: "staf", time: "15m", output: "-", action: "archive" },
  ],
});

describe("compiled flow", () => {
  it("finds steps, their outcomes and where they lead", () => {
    const s1 = flow.step("s1")!;
    expect(s1.action).toBe("approval");
    expect(flow.step("nope")).toBeUndefined();
    expect(flow.outcomes(s1)).toEqual(["approve", "revise"]);
    expect(flow.outcomes(flow.step("s2")!)).toEqual(["done"]);
    expect(flow.next(s1, "approve")?.id).toBe("s2");
    expect(flow.next(s1, "other")).toBeUndefined();
  });

  it("speaks the reader's language, Indonesian when there is no English text", () => {
    expect(flow.label("en")).toBe("Flow");
    expect(flow.label("id")).toBe("Alur");
    expect(flow.activity(flow.step("s1")!, "en")).toBe("Approve");
    expect(flow.activity(flow.step("s2")!, "en")).toBe("Mengarsipkan");
  });

  it("stays plain data: the lookups are not own properties", () => {
    expect(Object.keys(flow)).not.toContain("step");
    expect(JSON.parse(JSON.stringify(flow)).steps).toHaveLength(2);
  });
});
