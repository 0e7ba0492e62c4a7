// The national holidays, one file a year in flows/holidays/: what the shipped files say, how they reach the
// organisations, and what the loader refuses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { FlowLoadError, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";

const shipped = loadFlowsFromDir("flows");

describe("flows/holidays/", () => {
  it("has complete lists for 2026 and 2027, each naming its decree", () => {
    expect([...shipped.holidayYears.keys()]).toEqual([2026, 2027]);
    const y2026 = shipped.holidayYears.get(2026)!;
    const y2027 = shipped.holidayYears.get(2027)!;
    expect(y2026).toMatchObject({ complete: true, decree: expect.stringContaining("Nomor 1497 Tahun 2025") });
    expect(y2027).toMatchObject({ complete: true, decree: expect.stringContaining("Nomor 1205 Tahun 2026") });
    // 17 + 8 and 18 + 8 days, as the decrees count them.
    for (const [list, national, leave] of [
      [y2026, 17, 8],
      [y2027, 18, 8],
    ] as const) {
      expect(
        list.dates.filter((d) => d.kind === "libur_nasional"),
        String(list.year),
      ).toHaveLength(national);
      expect(
        list.dates.filter((d) => d.kind === "cuti_bersama"),
        String(list.year),
      ).toHaveLength(leave);
    }
  });

  it("marks 2027's isbat-dependent dates unconfirmed, and only those", () => {
    const unconfirmed = shipped.holidayYears
      .get(2027)!
      .dates.filter((d) => d.unconfirmed)
      .map((d) => d.date);
    expect(unconfirmed).toEqual(["2027-03-09", "2027-03-10", "2027-03-11", "2027-03-12", "2027-03-15", "2027-05-17", "2027-05-18"]);
    expect(shipped.holidayYears.get(2027)!.note).toMatch(/could NOT be opened/);
  });

  it("reaches both organisations, which follow the national list", () => {
    for (const org of shipped.organisations.values()) {
      for (const list of shipped.holidayYears.values()) for (const d of list.dates) expect(org.calendar.holidays, `${org.id} ${d.date}`).toContain(d.date);
    }
  });
});

describe("loading holiday lists", () => {
  const organisations = (calendarExtra: string) =>
    [
      "organisations:",
      "  - id: unit",
      "    name: Unit",
      `    calendar: { timeZone: Asia/Jakarta, workingDays: [1, 2, 3, 4, 5], start: '07:30', end: '16:00'${calendarExtra} }`,
      "    roles: [{ id: staf, label: Staf }]",
      "    escalation: { staf: ~ }",
    ].join("\n");
  const flowsDir = (p: { calendar?: string; holidays: Record<string, string> }) => {
    const dir = mkdtempSync(join(tmpdir(), "flows-holidays-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "organisations.yaml"), organisations(p.calendar ?? ""));
    mkdirSync(join(dir, "holidays"));
    for (const [name, text] of Object.entries(p.holidays)) writeFileSync(join(dir, "holidays", name), text);
    return dir;
  };
  const list = (year: number, dates: string[]) =>
    [
      `year: ${year}`,
      "decree: SKB uji",
      "complete: true",
      dates.length ? "dates:" : "dates: []",
      ...dates.map((d) => `  - { date: "${d}", name: Libur }`),
    ].join("\n");

  it("adds the national dates to the organisation's own, unless it keeps its own list only", () => {
    const follows = loadFlowsFromDir(flowsDir({ calendar: ", holidays: ['2030-02-02']", holidays: { "2030.yaml": list(2030, ["2030-01-01"]) } }));
    expect(follows.organisations.get("unit")!.calendar.holidays).toEqual(["2030-01-01", "2030-02-02"]);
    const own = loadFlowsFromDir(
      flowsDir({ calendar: ", nationalHolidays: false, holidays: ['2030-02-02']", holidays: { "2030.yaml": list(2030, ["2030-01-01"]) } }),
    );
    expect(own.organisations.get("unit")!.calendar.holidays).toEqual(["2030-02-02"]);
  });

  it("refuses a file not named after its year, a year that does not match, a date of another year, a repeated or impossible date", () => {
    const dir = flowsDir({
      holidays: {
        "libur.yaml": list(2030, []),
        "2030.yaml": list(2031, []),
        "2032.yaml": list(2032, ["2033-01-01", "2032-02-30", "2032-05-01", "2032-05-01"]),
        "2034.yaml": "year: 2034\ndates: []\n",
      },
    });
    const name = dir.split(/[\\/]/).at(-1)!;
    try {
      loadFlowsFromDir(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowLoadError);
      expect((error as FlowLoadError).problems.map((p) => `${p.file}: ${p.reason}`)).toEqual([
        `${name}/holidays/2030.yaml: year 2031 does not match the file name (2030.yaml)`,
        `${name}/holidays/2032.yaml: dates[0]: 2033-01-01 is not in 2032`,
        `${name}/holidays/2032.yaml: dates[1]: "2032-02-30" is not a real date`,
        `${name}/holidays/2032.yaml: dates[3]: 2032-05-01 is listed more than once`,
        `${name}/holidays/2034.yaml: decree: Invalid input: expected string, received undefined`,
        `${name}/holidays/2034.yaml: complete: Invalid input: expected boolean, received undefined`,
        `${name}/holidays/libur.yaml: not a year's list: name the file after its year, e.g. 2027.yaml`,
      ]);
    }
  });
});
