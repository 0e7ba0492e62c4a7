// Names the pages show for what the database stores as ids: flow titles, step activities, role labels and
// outcome labels, all from flows/ (and the chat's outcome words), in the page's language.
import type { App } from "../../app/openApp.ts";
import type { Flow, OrganisationDef, Step } from "../../flows/flowSchema.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { messagesFor } from "../../i18n/index.ts";

/** A flow's title, or its id when the flow is no longer loaded. */
export function flowTitle(app: App, flowId: string, t: DashboardTexts): string {
  const flow = app.flows.flows.get(flowId);
  return flow ? flow.label(t.lang) : flowId;
}

/** A step of a flow, if both still exist. */
export function stepOf(app: App, flowId: string, stepId: string | null | undefined): { flow: Flow; step: Step } | null {
  const flow = app.flows.flows.get(flowId);
  const step = stepId ? flow?.step(stepId) : undefined;
  return flow && step ? { flow, step } : null;
}

/** A step's activity text, or its id. */
export function activityOf(app: App, flowId: string, stepId: string, t: DashboardTexts): string {
  const found = stepOf(app, flowId, stepId);
  return found ? found.flow.activity(found.step, t.lang) : stepId;
}

/** A role's label in an organisation ("Konselor/Psikolog"), or its id. */
export function roleLabel(organisation: OrganisationDef | undefined, roleId: string, t: DashboardTexts): string {
  const role = organisation?.roles.find((r) => r.id === roleId);
  if (!role) return roleId;
  return t.lang === "en" ? (role.label_en ?? role.label) : role.label;
}

/** An outcome as the actor's button said it ("Setujui", a PUSPAGA branch label), or its id. */
export function outcomeLabel(app: App, flowId: string, stepId: string, outcome: string | null, t: DashboardTexts): string {
  if (!outcome) return t.none;
  const found = stepOf(app, flowId, stepId);
  return found?.step.labels?.[outcome] ?? messagesFor(t.lang).outcome[outcome] ?? outcome;
}
