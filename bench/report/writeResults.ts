// Writes a run's result as bench/results/<ISO time>.json and bench/results/latest.json (small files the
// team commits, so runs can be compared over time).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchResult } from "./benchResult.ts";

/** Writes both files into `dir`; returns the dated file's path. */
export function writeResults(result: BenchResult, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const name = `${result.startedAt.replace(/\.\d+Z$/, "Z").replaceAll(":", "-")}.json`;
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const file = join(dir, name);
  writeFileSync(file, text);
  writeFileSync(join(dir, "latest.json"), text);
  return file;
}
