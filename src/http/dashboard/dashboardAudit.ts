// The dashboard's audit events: who opened which case page or refused page. Only ids and the policy's reason
// go into dataJson, never a name, a complaint or a token.
import type { Action } from "../../core/policy.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import type { Viewer } from "./dashboardViewer.ts";

/** Records that a viewer opened a case page (health data is read: every look is on the record). */
export async function recordCaseView(deps: DashboardDeps, p: { viewer: Viewer; caseId: string }): Promise<void> {
  await deps.app.db.prisma.auditEvent.create({
    data: { type: "dashboard_case_view", actorId: p.viewer.personId, caseId: p.caseId, dataJson: "{}", at: deps.clock() },
  });
}

/** Records a refused case page or download (answered 404 to the viewer), with the policy's reason. */
export async function recordRefusal(deps: DashboardDeps, p: { viewer: Viewer; caseId: string; action: Action; because: string }): Promise<void> {
  await deps.app.db.prisma.auditEvent.create({
    data: {
      type: "dashboard_access_refused",
      actorId: p.viewer.personId,
      caseId: p.caseId,
      dataJson: JSON.stringify({ action: p.action, because: p.because }),
      at: deps.clock(),
    },
  });
}
