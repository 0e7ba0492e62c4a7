// Where a step's clock starts: its ask time, or the end of the case's session when the flow says so and it is later.
import { describe, expect, it } from "vitest";
import { clockStartOf } from "../../src/core/stepClockStart.ts";

const asked = new Date("2026-11-30T08:00:00Z");
const later = new Date("2026-12-07T03:00:00Z");
const earlier = new Date("2026-11-20T03:00:00Z");

describe("clockStartOf", () => {
  it("is the ask time for a step without an anchor, whatever the sessions", () => {
    expect(clockStartOf({}, { askedAt: asked, sessionEndsAt: later })).toBe(asked);
  });

  it("is the session's end for a session_end step when the session ends later, else the ask time", () => {
    expect(clockStartOf({ clock_from: "session_end" }, { askedAt: asked, sessionEndsAt: later })).toBe(later);
    expect(clockStartOf({ clock_from: "session_end" }, { askedAt: asked, sessionEndsAt: earlier })).toBe(asked);
    expect(clockStartOf({ clock_from: "session_end" }, { askedAt: asked, sessionEndsAt: null })).toBe(asked);
  });
});
