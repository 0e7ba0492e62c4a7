import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { WorkingCalendar } from "../../src/flows/flowSchema.ts";
import type { BusyInterval } from "../../src/scheduling/calendar.ts";
import { findFreeSlots, freeSlotSearchWindow, type FreeSlot } from "../../src/scheduling/freeSlots.ts";

const WIB: WorkingCalendar = { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: [] };
/** A wall-clock time in Jakarta (UTC+7). */
const wib = (local: string) => new Date(`${local}+07:00`);
const local = (at: Date, zone = "Asia/Jakarta") => DateTime.fromJSDate(at, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");
const starts = (slots: FreeSlot[]) => slots.map((s) => local(s.start));

describe("findFreeSlots", () => {
  it("a Friday-evening request offers Monday 07:30 WIB first, which is 00:30 UTC", () => {
    const slots = findFreeSlots({ calendar: WIB, busy: [], now: wib("2026-12-04T19:00:00") });
    expect(slots[0]?.start.toISOString()).toBe("2026-12-07T00:30:00.000Z");
    expect(slots[0]?.end.toISOString()).toBe("2026-12-07T01:30:00.000Z");
    expect(starts(slots)).toEqual(["Mon 2026-12-07 07:30", "Mon 2026-12-07 11:30", "Tue 2026-12-08 07:30", "Tue 2026-12-08 11:30", "Wed 2026-12-09 07:30"]);
  });

  it("never offers a time overlapping a busy interval widened by the buffer", () => {
    // Busy 09:00-10:00: with a 15-minute buffer nothing may touch 08:45-10:15.
    const busy = [{ start: wib("2026-12-07T09:00:00"), end: wib("2026-12-07T10:00:00") }];
    const slots = findFreeSlots({ calendar: WIB, busy, now: wib("2026-12-04T19:00:00"), daysAhead: 4, count: 50, maxPerDay: 50 });
    const monday = starts(slots).filter((s) => s.startsWith("Mon"));
    expect(monday).toEqual([
      "Mon 2026-12-07 07:30", // ends 08:30, before 08:45
      "Mon 2026-12-07 10:30",
      "Mon 2026-12-07 11:00",
      "Mon 2026-12-07 11:30",
      "Mon 2026-12-07 12:00",
      "Mon 2026-12-07 12:30",
      "Mon 2026-12-07 13:00",
      "Mon 2026-12-07 13:30",
      "Mon 2026-12-07 14:00",
      "Mon 2026-12-07 14:30",
      "Mon 2026-12-07 15:00", // ends exactly at closing
    ]);
    const noBuffer = findFreeSlots({ calendar: WIB, busy, now: wib("2026-12-04T19:00:00"), daysAhead: 4, count: 50, maxPerDay: 50, bufferMinutes: 0 });
    expect(starts(noBuffer)).toContain("Mon 2026-12-07 08:00");
    expect(starts(noBuffer)).toContain("Mon 2026-12-07 10:00");
    expect(starts(noBuffer)).not.toContain("Mon 2026-12-07 09:30");
  });

  it("skips weekends and holidays, and keeps the minimum lead time", () => {
    const calendar = { ...WIB, holidays: ["2026-12-07"] };
    const slots = findFreeSlots({ calendar, busy: [], now: wib("2026-12-04T14:10:00"), count: 3 });
    // Friday 14:10 + 2 h = 16:10, after closing; Saturday, Sunday and the Monday holiday are skipped.
    expect(starts(slots)).toEqual(["Tue 2026-12-08 07:30", "Tue 2026-12-08 11:30", "Wed 2026-12-09 07:30"]);

    const sameDay = findFreeSlots({ calendar: WIB, busy: [], now: wib("2026-12-07T10:10:00"), count: 1 });
    expect(starts(sameDay)).toEqual(["Mon 2026-12-07 12:30"]); // 10:10 + 2 h = 12:10, next aligned start 12:30
  });

  it("spreads offers over days and fills beyond the per-day preference only when short", () => {
    const spread = findFreeSlots({ calendar: WIB, busy: [], now: wib("2026-12-04T19:00:00"), count: 6, maxPerDay: 3 });
    expect(starts(spread)).toEqual([
      "Mon 2026-12-07 07:30",
      "Mon 2026-12-07 10:00",
      "Mon 2026-12-07 12:30",
      "Tue 2026-12-08 07:30",
      "Tue 2026-12-08 10:00",
      "Tue 2026-12-08 12:30",
    ]);
    // Only one working day in the window: the preference gives way to the count.
    const short = findFreeSlots({ calendar: WIB, busy: [], now: wib("2026-12-04T19:00:00"), from: wib("2026-12-07T00:00:00"), daysAhead: 1, count: 4 });
    expect(starts(short)).toEqual(["Mon 2026-12-07 07:30", "Mon 2026-12-07 08:00", "Mon 2026-12-07 08:30", "Mon 2026-12-07 11:30"]);
  });

  it("reads working hours in the calendar's own zone (WITA is UTC+8)", () => {
    const wita: WorkingCalendar = { ...WIB, timeZone: "Asia/Makassar" };
    const slots = findFreeSlots({ calendar: wita, busy: [], now: new Date("2026-12-04T12:00:00Z"), count: 1 });
    expect(slots[0]?.start.toISOString()).toBe("2026-12-06T23:30:00.000Z"); // Monday 07:30 WITA
  });

  it("returns nothing when the whole window is busy, and says which input is wrong", () => {
    const busy = [{ start: wib("2026-12-01T00:00:00"), end: wib("2026-12-31T00:00:00") }];
    expect(findFreeSlots({ calendar: WIB, busy, now: wib("2026-12-04T19:00:00") })).toEqual([]);
    expect(() => findFreeSlots({ calendar: WIB, busy: [], now: new Date(), sessionMinutes: 0 })).toThrow(/sessionMinutes/);
    expect(() => findFreeSlots({ calendar: { ...WIB, start: "7:30" }, busy: [], now: new Date() })).toThrow(/start/);
    expect(() => findFreeSlots({ calendar: { ...WIB, timeZone: "Asia/Nowhere" }, busy: [], now: new Date() })).toThrow(/time zone/);
    expect(() => findFreeSlots({ calendar: WIB, busy: [{ start: new Date("x"), end: new Date() }], now: new Date() })).toThrow(/busy\[0\]/);
  });

  it("asks free/busy for a window that covers every slot it may offer, buffer included", () => {
    const query = { calendar: WIB, busy: [], now: wib("2026-12-04T19:00:00"), daysAhead: 7 };
    const window = freeSlotSearchWindow(query);
    expect(window.from.toISOString()).toBe(new Date(wib("2026-12-04T21:00:00").getTime() - 15 * 60_000).toISOString());
    expect(window.to.toISOString()).toBe(new Date(wib("2026-12-11T00:00:00").getTime() + 15 * 60_000).toISOString());
    for (const slot of findFreeSlots({ ...query, count: 100, maxPerDay: 100 })) {
      expect(slot.start >= window.from && slot.end <= window.to).toBe(true);
    }
  });

  it("holds its rules for any busy calendar and clock (property)", () => {
    const calendar = { ...WIB, holidays: ["2026-12-09", "2026-12-25"] };
    const base = wib("2026-12-01T00:00:00").getTime();
    const busyArb = fc.array(fc.record({ offset: fc.integer({ min: 0, max: 30 * 24 * 60 }), minutes: fc.integer({ min: 5, max: 300 }) }), { maxLength: 25 });
    fc.assert(
      fc.property(
        busyArb,
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(30, 45, 60, 90),
        (raw, nowOffset, count, maxPerDay, sessionMinutes) => {
          const busy: BusyInterval[] = raw.map((b) => ({
            start: new Date(base + b.offset * 60_000),
            end: new Date(base + (b.offset + b.minutes) * 60_000),
          }));
          const now = new Date(base + nowOffset * 60_000);
          const slots = findFreeSlots({ calendar, busy, now, count, maxPerDay, sessionMinutes });
          expect(slots.length).toBeLessThanOrEqual(count);
          for (const slot of slots) {
            const start = DateTime.fromJSDate(slot.start, { zone: "Asia/Jakarta" });
            const end = DateTime.fromJSDate(slot.end, { zone: "Asia/Jakarta" });
            expect(slot.end.getTime() - slot.start.getTime()).toBe(sessionMinutes * 60_000);
            expect(start.weekday).toBeLessThanOrEqual(5);
            expect(calendar.holidays).not.toContain(start.toISODate());
            expect(start.toISODate()).toBe(end.toISODate());
            expect(start.toFormat("HH:mm") >= "07:30").toBe(true);
            expect(end.toFormat("HH:mm") <= "16:00").toBe(true);
            expect((start.hour * 60 + start.minute - (7 * 60 + 30)) % 30).toBe(0);
            expect(slot.start.getTime()).toBeGreaterThanOrEqual(now.getTime() + 120 * 60_000);
            for (const b of busy) {
              const clear = slot.end.getTime() <= b.start.getTime() - 15 * 60_000 || slot.start.getTime() >= b.end.getTime() + 15 * 60_000;
              expect(clear).toBe(true);
            }
          }
          const sorted = [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
          expect(slots).toEqual(sorted);
        },
      ),
      { numRuns: 200 },
    );
  });
});
