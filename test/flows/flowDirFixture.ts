// A flows directory written on the fly (organisations.yaml and one flow), for tests of what the loader refuses.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { stringify } from "yaml";
import { FlowLoadError, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";

const ORGANISATIONS = {
  organisations: [
    {
      id: "demo",
      name: "Demo unit",
      calendar: { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", nationalHolidays: false },
      roles: [
        { id: "klien", label: "Klien" },
        { id: "staf", label: "Staf" },
        { id: "konselor", label: "Konselor" },
        { id: "kepala_unit", label: "Kepala Unit" },
        { id: "rektor", label: "Rektor" },
      ],
      escalation: { klien: "konselor", staf: "kepala_unit", konselor: "kepala_unit", kepala_unit: "rektor", rektor: null },
    },
  ],
};

/** The loader's problems ("step: reason" lines of the flow file) for a flow with these steps; [] when it loads. */
export function loaderProblems(steps: Array<Record<string, unknown>>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "flows-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "organisations.yaml"), stringify(ORGANISATIONS));
  const flow = {
    id: "demo-flow",
    title: "Demo",
    organisation: "demo",
    source: "test",
    steps: steps.map((s, i) => ({ no: String(i + 1), activity: `Kegiatan ${i + 1}`, time: "15m", output: "Dokumen", ...s })),
  };
  writeFileSync(join(dir, "demo.yaml"), stringify(flow));
  try {
    loadFlowsFromDir(dir);
    return [];
  } catch (error) {
    if (!(error instanceof FlowLoadError)) throw error;
    return error.problems.map((p) => `${p.step ?? "-"}: ${p.reason}`);
  }
}
