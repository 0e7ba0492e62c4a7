// A step's time standard as the dashboard writes it: the SOP's words ("1 hari") and its minutes on the step's
// own clock (src/flows/stepStandard.ts), or the stored minutes when the step has left the flow.
import type { App } from "../../app/openApp.ts";
import { formatDuration } from "../../core/duration.ts";
import { standardOfStep } from "../../flows/stepStandard.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";

/** The standard's text, its minutes (what the chart, the CSV and `case show` use) and whether they stand for working days. */
export function stepStandard(
  app: App,
  p: { flowId: string; stepId: string; storedMin: number; t: DashboardTexts },
): { text: string; minutes: number; workingDays: boolean } {
  const standard = standardOfStep(app.flows, p.flowId, p.stepId);
  if (!standard) return { text: p.t.minutes(p.storedMin), minutes: p.storedMin, workingDays: false };
  return { text: formatDuration(standard.duration, p.t.lang), minutes: standard.minutes, workingDays: standard.workingDays };
}
