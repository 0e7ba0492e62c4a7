// The organisation checks: whom each role answers to (every role named, no unknown role, no circle) and the
// calendar's hours per weekday and dated periods; and the loader refusing such a file with its name.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { checkOrganisation } from "../../src/flows/checkOrganisation.ts";
import { FlowLoadError, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";
import { organisationSchema, type OrganisationDef } from "../../src/flows/organisationSchema.ts";

const roles = ["klien", "staf", "konselor", "kasubbag", "kepala_unit"].map((id) => ({ id, label: id }));
const org = (changes: Partial<Record<"escalation" | "calendar", unknown>> = {}): OrganisationDef =>
  organisationSchema.parse({
    id: "unit",
    name: "Unit",
    calendar: { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00" },
    roles,
    escalation: { klien: "konselor", staf: "kasubbag", konselor: "kepala_unit", kasubbag: "kepala_unit", kepala_unit: null },
    ...changes,
  });
const reasons = (o: OrganisationDef) => checkOrganisation(o).map((p) => p.reason);

describe("the escalation map", () => {
  it("accepts every role answering to a known role, with the top answering to nobody", () => {
    expect(reasons(org())).toEqual([]);
  });

  it("refuses a map with an unknown role, as a role and as a superior", () => {
    const escalation = { klien: "konselor", staf: "kabag", konselor: "kepala_unit", kasubbag: "kepala_unit", kepala_unit: null, satpam: "staf" };
    expect(reasons(org({ escalation }))).toEqual([
      'organisation unit: escalation sends "staf" to "kabag", which is not one of its roles (klien, staf, konselor, kasubbag, kepala_unit)',
      'organisation unit: escalation names "satpam", which is not one of its roles (klien, staf, konselor, kasubbag, kepala_unit)',
    ]);
  });

  it("refuses a circle, naming it once, and a role sent to itself", () => {
    const circle = { klien: "konselor", staf: "kasubbag", konselor: "kepala_unit", kasubbag: "kepala_unit", kepala_unit: "staf" };
    expect(reasons(org({ escalation: circle }))).toEqual(["organisation unit: escalation goes round in a circle: kepala_unit → staf → kasubbag → kepala_unit"]);
    const self = { klien: "konselor", staf: "staf", konselor: "kepala_unit", kasubbag: "kepala_unit", kepala_unit: null };
    expect(reasons(org({ escalation: self }))).toEqual([
      'organisation unit: escalation sends "staf" to itself',
      "organisation unit: escalation goes round in a circle: staf → staf",
    ]);
  });

  it("refuses a role left out of the map (an overdue step of it would go nowhere without anyone deciding so)", () => {
    const escalation = { klien: "konselor", staf: "kasubbag", konselor: "kepala_unit", kepala_unit: null };
    expect(reasons(org({ escalation }))).toEqual([
      'organisation unit: escalation has no entry for role "kasubbag" (name whom it answers to, or ~ when nobody is above it)',
    ]);
  });

  it("makes the loader refuse the file, naming it and the cycle", () => {
    const dir = mkdtempSync(join(tmpdir(), "flows-escalation-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, "organisations.yaml"),
      [
        "organisations:",
        "  - id: unit",
        "    name: Unit",
        "    calendar: { timeZone: Asia/Jakarta, workingDays: [1, 2, 3, 4, 5], start: '07:30', end: '16:00' }",
        "    roles: [{ id: staf, label: Staf }, { id: kasubbag, label: Kasubbag }]",
        "    escalation: { staf: kasubbag, kasubbag: staf }",
      ].join("\n"),
    );
    const name = dir.split(/[\\/]/).at(-1)!;
    expect(() => loadFlowsFromDir(dir)).toThrow(FlowLoadError);
    try {
      loadFlowsFromDir(dir);
    } catch (error) {
      expect((error as FlowLoadError).problems).toEqual([
        { file: `${name}/organisations.yaml`, reason: "organisation unit: escalation goes round in a circle: staf → kasubbag → staf" },
      ]);
    }
  });
});

describe("the calendar's hours", () => {
  const calendar = (more: object) => ({ timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", ...more });

  it("accepts Friday's own hours and a Ramadan period", () => {
    const c = calendar({
      hours: [{ days: [5], start: "07:30", end: "16:30" }],
      periods: [
        {
          name: "Ramadan",
          from: "2027-02-08",
          to: "2027-03-09",
          hours: [
            { days: [1, 2, 3, 4], start: "08:00", end: "15:00" },
            { days: [5], start: "08:00", end: "15:30" },
          ],
        },
      ],
    });
    expect(reasons(org({ calendar: c }))).toEqual([]);
  });

  it("refuses inverted hours, hours for a day off, a weekday given twice, a backwards or impossible period and overlapping periods", () => {
    const c = calendar({
      hours: [
        { days: [5, 6], start: "16:30", end: "07:30" },
        { days: [5], start: "07:30", end: "16:30" },
      ],
      periods: [
        { name: "A", from: "2027-03-09", to: "2027-02-08", hours: [{ days: [1], start: "08:00", end: "15:00" }] },
        { name: "B", from: "2027-02-30", to: "2027-03-01", hours: [{ days: [1], start: "08:00", end: "15:00" }] },
      ],
    });
    expect(reasons(org({ calendar: c }))).toEqual([
      "organisation unit: calendar.hours[0]: start (16:30) must be before end (07:30)",
      "organisation unit: calendar.hours[0]: weekday 6 is not one of the working days (1, 2, 3, 4, 5)",
      "organisation unit: calendar.hours: weekday 5 has more than one set of hours",
      "organisation unit: calendar.periods[0] (A): from (2027-03-09) must not be after to (2027-02-08)",
      'organisation unit: calendar.periods[1] (B): "2027-02-30" is not a real date',
    ]);
    const overlapping = calendar({
      periods: [
        { name: "A", from: "2027-02-08", to: "2027-03-09", hours: [{ days: [1], start: "08:00", end: "15:00" }] },
        { name: "B", from: "2027-03-01", to: "2027-03-20", hours: [{ days: [1], start: "08:00", end: "15:00" }] },
      ],
    });
    expect(reasons(org({ calendar: overlapping }))).toEqual(["organisation unit: calendar.periods[0] (A) overlaps B (2027-03-01 to 2027-03-20)"]);
  });
});
