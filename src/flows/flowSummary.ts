// A plain-text overview of the loaded flows, for `npm run cli -- flows list`.
import type { LoadedFlows } from "./loadFlows.ts";

/** One row per flow (id, title, organisation, number of steps), in columns, with a header line. */
export function listFlowsTable(loaded: LoadedFlows): string {
  const rows = [...loaded.flows.values()].map((f) => [f.id, f.title, f.organisation, String(f.steps.length)]);
  const table = [["id", "title", "organisation", "steps"], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  "))
    .join("\n");
}
