// How much CPU other processes took while a part ran (another build or test run on the same 2 cores makes
// every figure pessimistic): samples /proc every second and splits the CPU time between this benchmark's
// process tree, PostgreSQL's processes, and everything else. Linux only; elsewhere it reports nothing.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

export interface Contention {
  /** Mean share of one core over the part. */
  othersCpuPercent: number;
  postgresCpuPercent: number;
  benchCpuPercent: number;
  /** The busiest other processes (command line, share of one core). */
  busiestOthers: { command: string; cpuPercent: number }[];
}

interface Sample {
  ppid: number;
  ticks: number;
  comm: string;
}

function readProcesses(): Map<number, Sample> {
  const out = new Map<number, Sample>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" "); // from field 3 (state) on
      out.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), comm });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function commandOf(pid: number, fallback: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim().slice(0, 100) || fallback;
  } catch {
    return fallback;
  }
}

/** Starts sampling; stop() returns the split since the start (null without /proc). */
export function startContentionSampler(everyMs = 1000): { stop(): Contention | null } {
  let previous: Map<number, Sample>;
  try {
    previous = readProcesses();
  } catch {
    return { stop: () => null };
  }
  const started = Date.now();
  const bench = { ticks: 0 };
  const postgres = { ticks: 0 };
  const others = new Map<number, { ticks: number; command: string }>();
  const sample = () => {
    const now = readProcesses();
    const ours = (pid: number) => {
      for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
        if (p === process.pid) return true;
        p = now.get(p)?.ppid ?? previous.get(p)?.ppid ?? 0;
      }
      return false;
    };
    for (const [pid, s] of now) {
      const delta = s.ticks - (previous.get(pid)?.ticks ?? s.ticks);
      if (delta <= 0) continue;
      if (ours(pid)) bench.ticks += delta;
      else if (s.comm.startsWith("postgres")) postgres.ticks += delta;
      else {
        const o = others.get(pid) ?? { ticks: 0, command: commandOf(pid, s.comm) };
        o.ticks += delta;
        others.set(pid, o);
      }
    }
    previous = now;
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const pct = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 1000) / 10;
      const otherTicks = [...others.values()].reduce((a, o) => a + o.ticks, 0);
      return {
        othersCpuPercent: pct(otherTicks),
        postgresCpuPercent: pct(postgres.ticks),
        benchCpuPercent: pct(bench.ticks),
        busiestOthers: [...others.values()]
          .sort((a, b) => b.ticks - a.ticks)
          .slice(0, 3)
          .filter((o) => pct(o.ticks) >= 1)
          .map((o) => ({ command: o.command, cpuPercent: pct(o.ticks) })),
      };
    },
  };
}
