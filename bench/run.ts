// `npm run bench`: measures inbound, hand-off, outbound and scale on this machine in one run, prints the
// table (measure, value, target, met?) and writes bench/results/<ISO time>.json and latest.json.
//   npm run bench                    every part, full sizes (~10 minutes on 2 cores)
//   npm run bench -- inbound scale   only some parts (inbound, handoff, outbound, scale)
//   BENCH_CPU_PROF_DIR=/tmp/prof npm run bench -- inbound   also V8 CPU profiles of the product
import { fileURLToPath } from "node:url";
import { renderTable } from "./report/targets.ts";
import { writeResults } from "./report/writeResults.ts";
import { PARTS, runBench, type Part } from "./runBench.ts";
import { FULL_SIZES } from "./sizes.ts";

const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = asked.filter((a) => !(PARTS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`unknown part(s): ${unknown.join(", ")}; parts are: ${PARTS.join(", ")}`);
  process.exit(2);
}

const result = await runBench({ sizes: FULL_SIZES, parts: asked.length ? (asked as Part[]) : undefined });
console.log(`\n${renderTable(result.table)}\n`);
const file = writeResults(result, fileURLToPath(new URL("./results/", import.meta.url)));
console.log(`results: ${file} (and bench/results/latest.json); ${result.durationS} s in all`);
process.exit(0);
