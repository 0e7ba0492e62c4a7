// Semantic checks on flow files that a schema cannot express: roles, step links, reachability.
// Pure functions: they return every problem found, the loader decides what to do with them.
import { parseDuration } from "../core/duration.ts";
import { ACTION_KINDS, endsFlow, writesText, type StepExits } from "./actionKinds.ts";
import { checkStepQualifications } from "./checkQualifications.ts";
import { CLIENT_ROLE, transitionsOf, type Flow, type OrganisationDef, type Step } from "./flowSchema.ts";
import type { FlowProblem } from "./flowProblem.ts";
import { checkRegistrationSteps } from "./registrationSteps.ts";
import { checkClockAnchors } from "./stepClockAnchor.ts";
import { checkStepRecipients } from "./stepRecipients.ts";

export type { FlowProblem };

/** Checks one schema-valid flow against its organisation (undefined when the flow names an unknown one). */
export function checkFlow(flow: Flow, org: OrganisationDef | undefined): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (!org) problems.push({ reason: `unknown organisation "${flow.organisation}" (not in organisations.yaml)` });
  else
    problems.push(
      ...checkRoles(flow, org),
      ...checkStepQualifications(flow, org),
      ...checkStepRecipients(
        flow.steps,
        org.roles.map((r) => r.id),
      ),
    );
  problems.push(...checkDuplicateIds(flow));
  for (const step of flow.steps) problems.push(...checkStepShape(flow, step));
  problems.push(...checkRegistrationSteps(flow.steps), ...checkClockAnchors(flow.steps));
  problems.push(...checkGraph(flow));
  return problems;
}

/** Organisations are checked in their own file (roles, escalation map, crisis roles, calendar). */
export { checkOrganisation } from "./checkOrganisation.ts";

function checkRoles(flow: Flow, org: OrganisationDef): FlowProblem[] {
  const roleIds = org.roles.map((r) => r.id);
  return flow.steps
    .filter((step) => step.role !== CLIENT_ROLE && !roleIds.includes(step.role))
    .map((step) => ({ step: step.id, reason: `role "${step.role}" is not a role of organisation ${org.id} (roles: ${roleIds.join(", ")})` }));
}

function checkDuplicateIds(flow: Flow): FlowProblem[] {
  return duplicates(flow.steps.map((s) => s.id)).map((id) => ({ step: id, reason: `step id "${id}" is used by more than one step` }));
}

/** Per-step checks: the time standard, the outcomes under `next` for the action kind, and the labels. */
function checkStepShape(flow: Flow, step: Step): FlowProblem[] {
  const problems: string[] = [];
  if (parseDuration(step.time) === null) problems.push(`time "${step.time}" is not a duration (use e.g. "15m", "2h", "1d")`);
  if (step.document_text_from !== undefined) {
    const source = flow.step(step.document_text_from);
    if (!source) problems.push(`document_text_from names "${step.document_text_from}", which is not a step of this flow`);
    else if (!writesText(source)) problems.push(`document_text_from names "${source.id}", which does not write a text (add writes: true there)`);
  }
  if (step.document_text_from !== undefined && step.document === undefined) problems.push("document_text_from without a document to put the text in");
  if (step.upload !== undefined && (ACTION_KINDS[step.action].exits === "end" || ACTION_KINDS[step.action].booksSession || step.action === "decision")) {
    problems.push(`upload on ${withArticle(step.action)} step: only a step whose actor records a result can ask for a file`);
  }

  const transitions = transitionsOf(step);
  const outcomes = Object.keys(transitions);
  problems.push(...checkExits(step, ACTION_KINDS[step.action].exits, outcomes));

  for (const label of Object.keys(step.labels ?? {})) {
    if (!outcomes.includes(label)) problems.push(`label "${label}" is not one of the step's outcomes (${outcomes.join(", ") || "none"})`);
  }

  const ids = new Set(flow.steps.map((s) => s.id));
  for (const [outcome, target] of Object.entries(transitions)) {
    const field = typeof step.next === "string" ? "next" : `next.${outcome}`;
    if (!ids.has(target)) problems.push(`${field} points to missing step "${target}"`);
  }
  return problems.map((reason) => ({ step: step.id, reason }));
}

/** The outcomes under `next` against what the step's kind of action allows (src/flows/actionKinds.ts). */
function checkExits(step: Step, exits: StepExits, outcomes: string[]): string[] {
  if (exits === "end") return step.next === undefined ? [] : [`${withArticle(step.action)} step ends the flow and must not have next`];
  if (step.next === undefined) return ["no next step: only an archive step may end the flow"];
  if (exits === "branches") {
    const problems: string[] = [];
    if (typeof step.next === "string" || outcomes.length < 2) problems.push(`${withArticle(step.action)} step needs at least two outcomes under next`);
    const unlabelled = outcomes.filter((o) => step.labels?.[o] === undefined);
    if (unlabelled.length > 0) problems.push(`${withArticle(step.action)} step needs a label for each outcome (missing: ${unlabelled.join(", ")})`);
    return problems;
  }
  const allowed = [...exits.fixed, ...(exits.optional ?? [])];
  const problems = outcomes
    .filter((o) => !allowed.includes(o))
    .map((outcome) => `outcome "${outcome}" is not possible for ${withArticle(step.action)} step (allowed under next: ${allowed.join(", ")})`);
  const missing = exits.fixed.filter((o) => !outcomes.includes(o));
  if (missing.length > 0)
    problems.push(`${withArticle(step.action)} step needs next for ${exits.fixed.map((o) => `"${o}"`).join(" and ")} (missing: ${missing.join(", ")})`);
  return problems;
}

/** Reachability: every step reachable from the first, and an archive step reachable from every step. */
function checkGraph(flow: Flow): FlowProblem[] {
  const archiveIds = flow.steps.filter(endsFlow).map((s) => s.id);
  if (archiveIds.length === 0) return [{ reason: "no archive step: every flow must end by archiving" }];

  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const step of flow.steps) {
    for (const target of Object.values(transitionsOf(step))) {
      addEdge(forward, step.id, target);
      addEdge(backward, target, step.id);
    }
  }
  const first = flow.steps[0]!.id;
  const reachable = closure([first], forward);
  const reachesArchive = closure(archiveIds, backward);

  const problems: FlowProblem[] = [];
  for (const step of uniqueSteps(flow)) {
    if (!reachable.has(step.id)) problems.push({ step: step.id, reason: `unreachable: no path leads here from the first step (${first})` });
    if (!reachesArchive.has(step.id)) problems.push({ step: step.id, reason: "no archive step can be reached from here (the case would never close)" });
  }
  return problems;
}

function addEdge(edges: Map<string, string[]>, from: string, to: string): void {
  const list = edges.get(from);
  if (list) list.push(to);
  else edges.set(from, [to]);
}

/** All nodes reachable from `starts` along `edges` (breadth first). */
function closure(starts: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const next of edges.get(node) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Steps with a duplicated id are reported once by the graph check (the duplicate itself is its own problem). */
function uniqueSteps(flow: Flow): Step[] {
  const seen = new Set<string>();
  return flow.steps.filter((s) => !seen.has(s.id) && seen.add(s.id));
}

/** "a form", "an approval". */
function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}
