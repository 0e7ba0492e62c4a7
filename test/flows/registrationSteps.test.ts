// The steps a walk-in registration records: marked at the start of the flow, in order, and plain.
import { describe, expect, it } from "vitest";
import { registrationStepsOf } from "../../src/flows/registrationSteps.ts";
import { loaderProblems } from "./flowDirFixture.ts";

const arrive = { id: "s1", role: "klien", action: "form", next: "s2", registration: true };
const record = { id: "s2", role: "staf", action: "form", next: "s3", registration: true };
const counsel = { id: "s3", role: "konselor", action: "form", next: "s4" };
const archive = { id: "s4", role: "staf", action: "archive" };

describe("registration steps", () => {
  it("are the flow's first marked steps, in order", () => {
    expect(registrationStepsOf([arrive, record, counsel, archive] as never[]).map((s: { id: string }) => s.id)).toEqual(["s1", "s2"]);
    expect(registrationStepsOf([counsel, { ...record, id: "x" }] as never[])).toEqual([]);
    expect(loaderProblems([arrive, record, counsel, archive])).toEqual([]);
  });

  it("refuses a marked step after an unmarked one, a branching or writing step, and a kind that is not a form or message", () => {
    expect(loaderProblems([arrive, { ...record, registration: false }, { ...counsel, registration: true }, archive])).toEqual([
      "s3: registration: true on a step that does not follow the flow's first steps one after the other (registration steps open the flow)",
    ]);
    expect(
      loaderProblems([
        { ...arrive, writes: true },
        { id: "s2", role: "kepala_unit", action: "approval", next: { approve: "s3", revise: "s1" }, registration: true },
        counsel,
        archive,
      ]),
    ).toEqual([
      "s1: registration: true on a step whose actor writes a text or sends a file: the registration has none to give",
      "s2: registration: true on an approval step: only a form or a message can be what the registration records",
      "s2: registration: true needs next to be the step after it (s3), so the registration steps run in order",
    ]);
  });
});
