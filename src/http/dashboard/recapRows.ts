// The recap per SOP step as the dashboard shows it (table, chart, CSV): stepRecap's numbers from the
// database, with the flow's title, the step's activity text and the standard in the step's own clock.
import { may } from "../../core/policy.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { stepRecap, type StepRecap } from "../../store/recapQueries.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import type { Viewer } from "./dashboardViewer.ts";
import { stepStandard } from "./stepStandard.ts";

/**
 * One recap row with everything a reader needs to recognise the step. `standardMin` is the standard in the
 * same minutes as the actual times (the step's clock, src/core/stepTime.ts): a working-clock day is the
 * calendar's working day (510 minutes for 07:30–16:00), not 1,440. The chart and the CSV use it.
 */
export interface RecapRow extends StepRecap {
  orgId: string;
  flowTitle: string;
  activity: string;
  /** The standard as the SOP writes it ("1 hari"), or the stored minutes when the step left the flow. */
  standardText: string;
  /** `standardMin` stands for working days (shown with its working-minute equivalent). */
  standardInWorkingDays: boolean;
}

/** The recap of one organisation (narrowed to one counsellor's cases when `counsellorId` is given), in SOP order. */
export async function recapRowsFor(deps: DashboardDeps, p: { orgId: string; counsellorId?: string; now: Date; t: DashboardTexts }): Promise<RecapRow[]> {
  const { app } = deps;
  const rows = await stepRecap(app.db.prisma, { orgId: p.orgId, counsellorId: p.counsellorId, now: p.now });
  const flowOrder = [...app.flows.flows.keys()];
  const placed = rows.map((r) => {
    const flow = app.flows.flows.get(r.flowId);
    const stepIndex = flow ? flow.steps.findIndex((s) => s.id === r.stepId) : -1;
    const step = flow && stepIndex >= 0 ? flow.steps[stepIndex] : undefined;
    const standard = stepStandard(app, { flowId: r.flowId, stepId: r.stepId, storedMin: r.standardMin, t: p.t });
    const row: RecapRow = {
      ...r,
      orgId: p.orgId,
      flowTitle: flow ? (p.t.lang === "en" ? (flow.title_en ?? flow.title) : flow.title) : r.flowId,
      activity: step ? (p.t.lang === "en" ? (step.activity_en ?? step.activity) : step.activity) : r.stepId,
      standardMin: standard.minutes,
      standardText: standard.text,
      standardInWorkingDays: standard.workingDays,
    };
    return { row, flowIndex: flowOrder.indexOf(r.flowId), stepIndex };
  });
  const last = Number.MAX_SAFE_INTEGER;
  placed.sort(
    (a, b) =>
      (a.flowIndex < 0 ? last : a.flowIndex) - (b.flowIndex < 0 ? last : b.flowIndex) ||
      a.row.flowId.localeCompare(b.row.flowId) ||
      (a.stepIndex < 0 ? last : a.stepIndex) - (b.stepIndex < 0 ? last : b.stepIndex) ||
      a.row.stepId.localeCompare(b.row.stepId, "en", { numeric: true }),
  );
  return placed.map((x) => x.row);
}

/** Rows grouped by flow, keeping their order. */
export function groupByFlow(rows: RecapRow[]): { flowId: string; flowTitle: string; rows: RecapRow[] }[] {
  const groups: { flowId: string; flowTitle: string; rows: RecapRow[] }[] = [];
  for (const row of rows) {
    const group = groups.find((g) => g.flowId === row.flowId);
    if (group) group.rows.push(row);
    else groups.push({ flowId: row.flowId, flowTitle: row.flowTitle, rows: [row] });
  }
  return groups;
}

/** Every recap row a viewer may see: whole organisations where the policy allows the recap, their own cases elsewhere. */
export async function recapRowsForViewer(deps: DashboardDeps, p: { viewer: Viewer; now: Date; t: DashboardTexts }): Promise<RecapRow[]> {
  const rows: RecapRow[] = [];
  for (const orgId of p.viewer.orgIds) {
    const whole = may({ subject: p.viewer.subject, action: "org.viewRecap", orgId });
    rows.push(...(await recapRowsFor(deps, { orgId, counsellorId: whole ? undefined : p.viewer.personId, now: p.now, t: p.t })));
  }
  return rows;
}
