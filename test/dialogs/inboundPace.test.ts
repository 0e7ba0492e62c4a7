// The per-sender pace: a chat's burst is taken at once, then one message per refill; what comes faster waits (it is
// kept and handled later: test/dialogs/inboundBacklog.e2e.test.ts), and the sender is told at most once a minute.
import { describe, expect, it } from "vitest";
import { createInboundPace } from "../../src/dialogs/inboundPace.ts";

describe("per-sender pace", () => {
  const t0 = 1_000_000;

  it("takes a burst, then one message per refill; another chat is not affected", () => {
    const pace = createInboundPace({ burst: 3, refillMs: 1000 });
    expect([0, 1, 2].map((i) => pace.take("a", t0 + i))).toEqual([true, true, true]);
    expect(pace.take("a", t0 + 3)).toBe(false);
    expect(pace.take("b", t0 + 4)).toBe(true);
    expect(pace.waitMs("a", t0 + 4)).toBeGreaterThan(990);
    expect(pace.take("a", t0 + 1004)).toBe(true); // a token back after a second
    expect(pace.take("a", t0 + 1005)).toBe(false);
    expect(pace.waitMs("a", t0 + 1505)).toBeGreaterThan(490); // half a token refilled meanwhile
    expect(pace.waitMs("a", t0 + 1505)).toBeLessThanOrEqual(500);
    expect(pace.waitMs("b", t0 + 1505)).toBe(0);
  });

  it("does not refill past the burst, and a clock that steps back takes nothing away", () => {
    const pace = createInboundPace({ burst: 2, refillMs: 100 });
    expect(pace.take("a", t0 + 10_000)).toBe(true);
    expect(pace.take("a", t0 + 10_000)).toBe(true);
    expect(pace.take("a", t0 + 10_000)).toBe(false);
    expect(pace.take("a", t0)).toBe(false);
    expect(pace.take("a", t0 + 10_100)).toBe(true);
  });

  it("says each kind of notice at most once per period, per chat", () => {
    const pace = createInboundPace({ noticeEveryMs: 60_000 });
    expect(pace.noticeDue("a", "slowed", t0)).toBe(true);
    expect(pace.noticeDue("a", "slowed", t0 + 59_999)).toBe(false);
    expect(pace.noticeDue("a", "cut", t0 + 1)).toBe(true);
    expect(pace.noticeDue("b", "slowed", t0 + 1)).toBe(true);
    expect(pace.noticeDue("a", "slowed", t0 + 60_000)).toBe(true);
  });
});
