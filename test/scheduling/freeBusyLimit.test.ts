// Our code never asks Google for more free/busy than it answers (timeRangeTooLong): the configuration refuses a
// MEETING_SEARCH_DAYS past the cap, and the widest search the cap allows stays inside Google's range from any
// start, in a zone with daylight saving too and with a day of buffer either side.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import type { WorkingCalendar } from "../../src/flows/flowSchema.ts";
import { FREE_BUSY_MAX_DAYS, MAX_MEETING_SEARCH_DAYS } from "../../src/scheduling/freeBusyLimit.ts";
import { freeSlotSearchWindow } from "../../src/scheduling/freeSlots.ts";

const DAY = 86_400_000;

describe("MEETING_SEARCH_DAYS and Google's free/busy range", () => {
  it("is refused past the cap at start, naming the variable and why; the cap itself is accepted", () => {
    expect(loadConfig({ MEETING_SEARCH_DAYS: String(MAX_MEETING_SEARCH_DAYS) }).meetings.searchDays).toBe(MAX_MEETING_SEARCH_DAYS);
    expect(loadConfig({}).meetings.searchDays).toBe(14);
    const refused = (() => {
      try {
        loadConfig({ MEETING_SEARCH_DAYS: "120" });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems.map((p) => p.variable)).toEqual(["MEETING_SEARCH_DAYS"]);
    expect((refused as Error).message).toMatch(/MEETING_SEARCH_DAYS: at most 60: Google Calendar answers free\/busy for at most 90 days at once/);
  });

  it("the widest search the cap allows asks for less than Google's range, from any start and page", () => {
    const zones = ["Asia/Jakarta", "Europe/Berlin", "America/Sao_Paulo"];
    const starts = [Date.UTC(2027, 0, 4, 1), Date.UTC(2027, 2, 20, 23, 59), Date.UTC(2027, 9, 25, 12)];
    for (const timeZone of zones) {
      const calendar: WorkingCalendar = { timeZone, workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: [] };
      for (const start of starts) {
        for (const from of [start, start + 3 * DAY + 3_600_000]) {
          const window = freeSlotSearchWindow({
            calendar,
            busy: [],
            now: new Date(start),
            from: new Date(from),
            daysAhead: MAX_MEETING_SEARCH_DAYS,
            bufferMinutes: 24 * 60,
            minLeadMinutes: 120,
            sessionMinutes: 60,
          });
          expect(window.to.getTime() - window.from.getTime()).toBeLessThanOrEqual(FREE_BUSY_MAX_DAYS * DAY);
        }
      }
    }
  });
});
