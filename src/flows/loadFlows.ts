// Reads flows/ at start-up: organisations.yaml, the national holidays per year in holidays/<year>.yaml, and
// one SOP per other *.yaml/*.yml file.
// Every problem in every file is collected and refused at once, each naming the file, the step and the reason.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { checkFlow, checkOrganisation } from "./checkFlow.ts";
import { flowSchema, organisationsFileSchema, type Flow, type OrganisationDef, type Step } from "./flowSchema.ts";
import { checkHandOvers } from "./handOvers.ts";
import { checkHolidayYear, HOLIDAYS_DIR, holidayYearSchema, withNationalHolidays, type HolidayYear } from "./holidayYears.ts";

/** The file that defines the organisations; every other YAML file in the directory is a flow. */
export const ORGANISATIONS_FILE = "organisations.yaml";

/** One problem in one file, with the step id when it is inside a step. */
export interface FileProblem {
  file: string;
  step?: string;
  reason: string;
}

/** Thrown when the flow files cannot be used; `problems` lists everything that is wrong. */
export class FlowLoadError extends Error {
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`The flow files were refused (${count}):\n${problems.map((p) => `  ${describeProblem(p)}`).join("\n")}`);
    this.name = "FlowLoadError";
    this.problems = problems;
  }
}

/**
 * Everything read from a flows directory. `files` maps each flow id to the file it came from; `holidayYears`
 * the national lists by year (already added to the holidays of the organisations that follow them).
 */
export interface LoadedFlows {
  organisations: Map<string, OrganisationDef>;
  flows: Map<string, Flow>;
  files: Map<string, string>;
  holidayYears: Map<number, HolidayYear>;
}

/** One problem as one line: `flows/x.yaml step s3: reason`. */
export function describeProblem(problem: FileProblem): string {
  return `${problem.file}${problem.step === undefined ? "" : ` step ${problem.step}`}: ${problem.reason}`;
}

/** The step with this id, if the flow has one. */
export function stepById(flow: Flow, id: string): Step | undefined {
  return flow.step(id);
}

/** Loads and checks a flows directory; throws FlowLoadError listing every problem found. */
export function loadFlowsFromDir(dir: string): LoadedFlows {
  const label = (name: string) => `${basename(dir)}/${name}`;
  if (!isDirectory(dir)) throw new FlowLoadError([{ file: basename(dir), reason: `not a directory: ${dir}` }]);

  const problems: FileProblem[] = [];
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort();

  const organisations = new Map<string, OrganisationDef>();
  const orgName = names.find((n) => n.toLowerCase() === ORGANISATIONS_FILE || n.toLowerCase() === "organisations.yml");
  let organisationsBroken = false;
  if (!orgName) {
    organisationsBroken = true;
    problems.push({ file: label(ORGANISATIONS_FILE), reason: "missing: the organisations file must sit next to the flow files" });
  } else {
    const before = problems.length;
    for (const org of readOrganisations(join(dir, orgName), label(orgName), problems)) {
      if (organisations.has(org.id)) problems.push({ file: label(orgName), reason: `organisation id "${org.id}" is defined more than once` });
      organisations.set(org.id, org);
    }
    organisationsBroken = problems.length > before;
  }
  const holidayYears = readHolidayYears(join(dir, HOLIDAYS_DIR), (name) => label(`${HOLIDAYS_DIR}/${name}`), problems);
  for (const [id, org] of organisations) organisations.set(id, withNationalHolidays(org, holidayYears));

  const flows = new Map<string, Flow>();
  const files = new Map<string, string>();
  for (const name of names.filter((n) => n !== orgName)) {
    const file = label(name);
    const flow = readFlow(join(dir, name), file, problems);
    if (!flow) continue;
    const org = organisations.get(flow.organisation);
    for (const p of checkFlow(flow, org)) {
      // An unknown organisation is only news when the organisations file itself loaded cleanly.
      if (!org && organisationsBroken && p.step === undefined && p.reason.startsWith("unknown organisation")) continue;
      problems.push({ file, ...p });
    }
    const earlier = files.get(flow.id);
    if (earlier) problems.push({ file, reason: `flow id "${flow.id}" is already used by ${earlier}` });
    else {
      flows.set(flow.id, flow);
      files.set(flow.id, file);
    }
  }

  for (const [id, flow] of flows) problems.push(...checkHandOvers(flow, flows).map((p) => ({ file: files.get(id)!, ...p })));

  if (problems.length > 0) throw new FlowLoadError(problems);
  return { organisations, flows, files, holidayYears };
}

/** The yearly national lists (<year>.yaml) of a holidays folder; none when the folder is absent. */
function readHolidayYears(dir: string, label: (name: string) => string, problems: FileProblem[]): Map<number, HolidayYear> {
  const years = new Map<number, HolidayYear>();
  if (!isDirectory(dir)) return years;
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()) {
    const file = label(name);
    const fileYear = /^(\d{4})\.ya?ml$/i.exec(name)?.[1];
    if (!fileYear) {
      problems.push({ file, reason: "not a year's list: name the file after its year, e.g. 2027.yaml" });
      continue;
    }
    const raw = readYaml(join(dir, name), file, problems);
    if (raw === undefined) continue;
    const parsed = holidayYearSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.flatMap(expandIssue).map((issue) => ({ file, reason: withPath(issue.path, issue.message) })));
      continue;
    }
    const reasons = checkHolidayYear(Number(fileYear), parsed.data);
    problems.push(...reasons.map((reason) => ({ file, reason })));
    if (reasons.length === 0) years.set(parsed.data.year, parsed.data);
  }
  return years;
}

function readOrganisations(path: string, file: string, problems: FileProblem[]): OrganisationDef[] {
  const raw = readYaml(path, file, problems);
  if (raw === undefined) return [];
  const parsed = organisationsFileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.flatMap(expandIssue).map((issue) => organisationIssue(issue, raw, file)));
    return [];
  }
  for (const org of parsed.data.organisations) problems.push(...checkOrganisation(org).map((p) => ({ file, ...p })));
  return parsed.data.organisations;
}

function readFlow(path: string, file: string, problems: FileProblem[]): Flow | undefined {
  const raw = readYaml(path, file, problems);
  if (raw === undefined) return undefined;
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.flatMap(expandIssue).map((issue) => flowIssue(issue, raw, file)));
    return undefined;
  }
  return parsed.data;
}

/** Parses one YAML file; syntax errors become problems (first line of each message, which names line and column). */
function readYaml(path: string, file: string, problems: FileProblem[]): unknown {
  const doc = parseDocument(readFileSync(path, "utf8"));
  if (doc.errors.length > 0) {
    problems.push(...doc.errors.map((e) => ({ file, reason: `YAML syntax: ${e.message.split("\n")[0]!.replace(/:$/, "")}` })));
    return undefined;
  }
  return doc.toJS();
}

/** A schema failure reduced to where it is and what is wrong. */
interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** A schema issue in a flow file, pinned to the step when its path goes through steps[i]. */
function flowIssue(issue: SchemaIssue, raw: unknown, file: string): FileProblem {
  const [head, index, ...rest] = issue.path;
  if (head === "steps" && typeof index === "number") {
    return { file, step: itemName(raw, "steps", index), reason: withPath(rest, issue.message) };
  }
  return { file, reason: withPath(issue.path, issue.message) };
}

/** A schema issue in the organisations file, naming the organisation when the path goes through one. */
function organisationIssue(issue: SchemaIssue, raw: unknown, file: string): FileProblem {
  const [head, index, ...rest] = issue.path;
  if (head === "organisations" && typeof index === "number") {
    return { file, reason: `organisation ${itemName(raw, "organisations", index)}: ${withPath(rest, issue.message)}` };
  }
  return { file, reason: withPath(issue.path, issue.message) };
}

/** The id of raw[listKey][index] when it has one, else its position as "#n" (1-based). */
function itemName(raw: unknown, listKey: string, index: number): string {
  const list = (raw as Record<string, unknown> | null)?.[listKey];
  const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | null | undefined) : undefined;
  const id = item?.id;
  return typeof id === "string" && id.length > 0 ? id : `#${index + 1}`;
}

/**
 * Makes zod's issues readable: a union failure (e.g. `next`) becomes the failures of the forms that
 * matched the value's type, with their full paths, instead of a bare "Invalid input".
 */
function expandIssue(issue: z.core.$ZodIssue): SchemaIssue[] {
  if (issue.code === "invalid_key") {
    return [{ path: issue.path, message: `not an allowed key: ${issue.issues.map((i) => i.message).join("; ")}` }];
  }
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [{ path: issue.path, message: issue.message }];
  const wrongType = (branch: z.core.$ZodIssue[]) => branch.length === 1 && branch[0]!.code === "invalid_type" && branch[0]!.path.length === 0;
  const informative = issue.errors.filter((branch) => !wrongType(branch));
  if (informative.length === 0) {
    const expected = [...new Set(issue.errors.map((branch) => (branch[0]!.code === "invalid_type" ? branch[0]!.expected : "another form")))];
    const received = /received (\w+)/.exec(issue.errors[0]![0]!.message)?.[1];
    return [{ path: issue.path, message: `expected ${expected.join(" or ")}${received ? `, received ${received}` : ""}` }];
  }
  return informative.flat().flatMap((inner) => expandIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
}

function withPath(path: readonly PropertyKey[], message: string): string {
  const text = path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
  return text === "" ? message : `${text}: ${message}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
