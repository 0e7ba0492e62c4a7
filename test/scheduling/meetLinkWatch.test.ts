// The back-off for a Meet link Google is still making: how soon it is read again, and when it is given up.
// The whole walk (booked pending, read again, sent to both sides or handed to the counsellor) is in
// test/app/meetBooking.e2e.test.ts, through the scheduler, the fake Google Calendar and the outbox.
import { describe, expect, it } from "vitest";
import { FIRST_LINK_CHECK_MS, LINK_GIVE_UP_MS, MAX_LINK_CHECK_MS, linkGivenUp, nextLinkCheck } from "../../src/scheduling/meetLinkWatch.ts";

const at = (ms: number) => new Date(Date.UTC(2026, 11, 7, 2) + ms);

describe("reading a pending Meet link again", () => {
  it("first 10 s after the booking, then as long again as it has waited, at most 5 minutes apart", () => {
    const since = at(0);
    let now = since;
    const waits: number[] = [];
    while (now.getTime() - since.getTime() < 30 * 60_000) {
      const next = nextLinkCheck(since, now);
      waits.push(next.getTime() - now.getTime());
      now = next;
    }
    expect(waits.slice(0, 6)).toEqual([FIRST_LINK_CHECK_MS, 10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(Math.max(...waits)).toBe(MAX_LINK_CHECK_MS);
  });

  it("gives up after an hour pending, or once the session has begun", () => {
    const startsAt = at(3 * 3600_000);
    expect(linkGivenUp({ pendingSince: at(0), startsAt, now: at(LINK_GIVE_UP_MS - 1) })).toBe(false);
    expect(linkGivenUp({ pendingSince: at(0), startsAt, now: at(LINK_GIVE_UP_MS) })).toBe(true);
    expect(linkGivenUp({ pendingSince: at(0), startsAt: at(30 * 60_000), now: at(30 * 60_000) })).toBe(true);
  });
});
