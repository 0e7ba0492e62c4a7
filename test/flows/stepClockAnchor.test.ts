// Where a step's clock starts: the loader accepts a session_end anchor only after a step that books a session.
import { describe, expect, it } from "vitest";
import { clockAnchorOf } from "../../src/flows/stepClockAnchor.ts";
import { loaderProblems } from "./flowDirFixture.ts";

const book = { id: "s1", role: "konselor", action: "schedule", next: "s2" };
const supervise = { id: "s2", role: "konselor", action: "form", time: "1d", next: "s3", clock_from: "session_end" };
const archive = { id: "s3", role: "staf", action: "archive" };

describe("clock_from", () => {
  it("accepts session_end after a step that books a session, and defaults to the step's start", () => {
    expect(loaderProblems([book, supervise, archive])).toEqual([]);
    expect(clockAnchorOf({})).toBe("step_start");
    expect(clockAnchorOf({ clock_from: "session_end" })).toBe("session_end");
  });

  it("refuses session_end where no session can come before, on the booking step itself, and an unknown anchor", () => {
    const early = { id: "s0", role: "konselor", action: "form", next: "s1", clock_from: "session_end" };
    expect(loaderProblems([early, book, { ...supervise, clock_from: undefined }, archive])).toEqual([
      "s0: clock_from: session_end, but no step that books a session (schedule) comes before it: there is no session for its clock to wait for",
    ]);
    expect(loaderProblems([{ ...book, clock_from: "session_end" }, supervise, archive])).toEqual([
      "s1: clock_from: session_end on a step that books the session: its clock cannot wait for the session it books",
    ]);
    const unknown = loaderProblems([book, { ...supervise, clock_from: "sunrise" }, archive]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^s2: clock_from: Invalid option: expected one of "step_start"\|"session_end"/);
  });
});
