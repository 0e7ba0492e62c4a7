// The semantic checks on their own: pure functions over already-parsed flows and organisations.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { checkFlow, checkOrganisation } from "../../src/flows/checkFlow.ts";
import { flowSchema, organisationSchema, type Flow, type OrganisationDef } from "../../src/flows/flowSchema.ts";
import { FlowLoadError, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";

const org: OrganisationDef = organisationSchema.parse({
  id: "demo",
  name: "Demo unit",
  calendar: { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00" },
  roles: [
    { id: "staf", label: "Staf" },
    { id: "konselor", label: "Konselor" },
    { id: "kepala_unit", label: "Kepala Unit" },
  ],
  escalation: { staf: "konselor", konselor: "kepala_unit", kepala_unit: null },
  crisisRoles: ["kepala_unit"],
});

/** A schema-valid flow from a compact step list. */
function flowOf(steps: Array<Record<string, unknown>>): Flow {
  return flowSchema.parse({
    id: "demo-flow",
    title: "Demo",
    organisation: "demo",
    source: "test",
    steps: steps.map((s, i) => ({ no: String(i + 1), activity: `Kegiatan ${i + 1}`, time: "15m", output: "Dokumen", ...s })),
  });
}

describe("checkFlow", () => {
  it("accepts a flow with an approval loop and a decision", () => {
    const flow = flowOf([
      { id: "s1", role: "konselor", action: "form", next: "s2" },
      { id: "s2", role: "kepala_unit", action: "approval", next: { approve: "s3", revise: "s1" } },
      { id: "s3", role: "staf", action: "decision", next: { selesai: "s4", ulang: "s1" }, labels: { selesai: "Selesai", ulang: "Ulang" } },
      { id: "s4", role: "staf", action: "archive" },
    ]);
    expect(checkFlow(flow, org)).toEqual([]);
  });

  it("accepts the client pseudo-role even when the organisation does not list it", () => {
    const flow = flowOf([
      { id: "s1", role: "klien", action: "form", next: "s2" },
      { id: "s2", role: "staf", action: "archive" },
    ]);
    expect(checkFlow(flow, org)).toEqual([]);
  });

  it("wants both outcomes of an approval", () => {
    const flow = flowOf([
      { id: "s1", role: "kepala_unit", action: "approval", next: "s2" },
      { id: "s2", role: "staf", action: "archive" },
    ]);
    expect(checkFlow(flow, org)).toEqual([
      { step: "s1", reason: 'outcome "done" is not possible for an approval step (allowed under next: approve, revise, refuse)' },
      { step: "s1", reason: 'an approval step needs next for "approve" and "revise" (missing: approve, revise)' },
    ]);
  });

  it("refuses a non-archive step without next and labels for outcomes that do not exist", () => {
    const flow = flowOf([
      { id: "s1", role: "staf", action: "message", next: "s2", labels: { batal: "Batal" } },
      { id: "s2", role: "konselor", action: "form" },
      { id: "s3", role: "staf", action: "archive" },
    ]);
    expect(checkFlow(flow, org)).toEqual([
      { step: "s1", reason: 'label "batal" is not one of the step\'s outcomes (done)' },
      { step: "s2", reason: "no next step: only an archive step may end the flow" },
      { step: "s1", reason: "no archive step can be reached from here (the case would never close)" },
      { step: "s2", reason: "no archive step can be reached from here (the case would never close)" },
      { step: "s3", reason: "unreachable: no path leads here from the first step (s1)" },
    ]);
  });

  it("still checks the steps when the organisation is unknown", () => {
    const flow = flowOf([
      { id: "s1", role: "siapa_saja", action: "form", next: "s9" },
      { id: "s2", role: "staf", action: "archive" },
    ]);
    const reasons = checkFlow(flow, undefined).map((p) => `${p.step ?? "-"} ${p.reason}`);
    expect(reasons[0]).toBe('- unknown organisation "demo" (not in organisations.yaml)');
    expect(reasons).toContain('s1 next points to missing step "s9"');
    expect(reasons.some((r) => r.includes("siapa_saja"))).toBe(false);
  });
});

describe("checkOrganisation", () => {
  it("accepts a consistent organisation", () => {
    expect(checkOrganisation(org)).toEqual([]);
  });

  it("refuses chains naming unknown roles, a bad time zone, inverted hours and impossible holidays", () => {
    const broken = organisationSchema.parse({
      ...org,
      calendar: { timeZone: "Asia/Atlantis", workingDays: [1], start: "16:00", end: "07:30", holidays: ["2026-02-30"] },
      escalation: { staf: "rektor", konselor: "kepala_unit", kepala_unit: null },
      crisisRoles: ["psikiater"],
    });
    expect(checkOrganisation(broken).map((p) => p.reason)).toEqual([
      'organisation demo: escalation sends "staf" to "rektor", which is not one of its roles (staf, konselor, kepala_unit)',
      'organisation demo: crisisRoles names "psikiater", which is not one of its roles (staf, konselor, kepala_unit)',
      'organisation demo: calendar.timeZone "Asia/Atlantis" is not an IANA time zone',
      "organisation demo: calendar.start (16:00) must be before calendar.end (07:30)",
      'organisation demo: holiday "2026-02-30" is not a real date',
    ]);
  });
});

describe("loadFlowsFromDir and the organisations file", () => {
  it("refuses a directory without organisations.yaml and names the organisation of a schema error", () => {
    const dir = mkdtempSync(join(tmpdir(), "flows-"));
    writeFileSync(join(dir, "x.yaml"), "id: x\ntitle: X\norganisation: demo\nsource: s\nsteps: []\n");
    const name = dir.split(/[\\/]/).at(-1)!;
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    try {
      loadFlowsFromDir(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowLoadError);
      const lines = (error as FlowLoadError).message.split("\n").slice(1);
      expect(lines).toEqual([
        `  ${name}/organisations.yaml: missing: the organisations file must sit next to the flow files`,
        `  ${name}/x.yaml: steps: Too small: expected array to have >=1 items`,
      ]);
    }

    writeFileSync(
      join(dir, "organisations.yaml"),
      "organisations:\n  - id: demo\n    name: Demo\n    calendar: { timeZone: Asia/Jakarta, workingDays: [1], start: '7:30', end: '16:00' }\n    roles: [{ id: staf, label: Staf }]\n",
    );
    try {
      loadFlowsFromDir(dir);
      expect.unreachable();
    } catch (error) {
      expect((error as FlowLoadError).problems[0]).toEqual({ file: `${name}/organisations.yaml`, reason: "organisation demo: calendar.start: HH:MM" });
    }
  });
});
