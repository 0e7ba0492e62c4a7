// Summarises a V8 .cpuprofile (from BENCH_CPU_PROF_DIR=... npm run bench): where the product's time goes,
// by function (self time) and by package or source folder (self time), without opening DevTools.
//   npx tsx bench/tools/summarizeCpuProfile.ts /tmp/prof/CPU.*.cpuprofile [top=25]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package or source folder a script URL belongs to ("prisma-client", "src/dialogs", "node:internal"...). */
export function areaOf(url: string): string {
  if (!url) return "(native / idle / gc)";
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = /\/(src|test|bench)\/(.*)$/.exec(url);
  if (src) {
    const parts = src[2]!.split("/");
    return `${src[1]}/${parts.length > 1 ? parts[0] : parts[0]}`;
  }
  return url;
}

/** Self time (ms) per function and per area, largest first. */
export function summarizeProfile(profile: CpuProfile): { totalMs: number; byFunction: [string, number][]; byArea: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    totalMs += ms;
    const name = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/main\//, "")}:${lineNumber + 1}` : ""}`;
    fn.set(name, (fn.get(name) ?? 0) + ms);
    const a = functionName.startsWith("(") ? functionName : areaOf(url);
    area.set(a, (area.get(a) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs, byFunction: sorted(fn), byArea: sorted(area) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top = "25"] = process.argv.slice(2);
  if (!file) throw new Error("usage: summarizeCpuProfile.ts <file.cpuprofile> [top]");
  const s = summarizeProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  const pct = (ms: number) => `${((ms / s.totalMs) * 100).toFixed(1).padStart(5)} %`;
  console.log(`busy ${(s.totalMs / 1000).toFixed(2)} s (idle excluded)\n\nby area (self time):`);
  for (const [k, ms] of s.byArea.slice(0, Number(top))) console.log(`${pct(ms)}  ${k}`);
  console.log("\nby function (self time):");
  for (const [k, ms] of s.byFunction.slice(0, Number(top))) console.log(`${pct(ms)}  ${k}`);
}
