// A copy of flows/ with one file's text changed, for loader tests that must see the real files with one mistake;
// and the loader's refusal as lines without the copy's folder name.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";
import { describeProblem, FlowLoadError, loadFlowsFromDir } from "../../src/flows/loadFlows.ts";

/** A copy of flows/ with `file` changed (the change must apply); removed when the test finishes. */
export function flowsWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "pintu-flows-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync("flows", dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after, "the change applies").not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

/** Every problem the loader finds in `dir`, as "file step s1: reason" without the folder ([] when it loads). */
export function loadProblems(dir: string): string[] {
  try {
    loadFlowsFromDir(dir);
  } catch (error) {
    if (error instanceof FlowLoadError) return error.problems.map(describeProblem).map((line) => line.replace(/^[^/]+\//, ""));
    throw error;
  }
  return [];
}
