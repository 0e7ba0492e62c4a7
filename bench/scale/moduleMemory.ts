// Where the product's resident memory goes before it does any work: a fresh process importing the
// product's dependencies one by one (WhatsApp, Google, PDF and email libraries are loaded even when
// those channels are off, because startService imports them statically).
import { forkTs, killChild } from "../support/childProcesses.ts";
import { progress } from "../support/progress.ts";
import { round } from "../support/stats.ts";
import { withTimeout } from "../support/timeout.ts";

export interface ModuleMemory {
  /** RSS after each import, and what that import added. */
  steps: { module: string; rssMb: number | null; addedMb: number | null }[];
}

/** Runs the probe in a child process (with --expose-gc). */
export async function measureModuleMemory(): Promise<ModuleMemory> {
  progress("memory", "RSS of the product's imports, one by one");
  const child = forkTs(new URL("./moduleMemoryProbe.ts", import.meta.url), { extraExecArgv: ["--expose-gc"] });
  try {
    const steps = await withTimeout(
      new Promise<{ module: string; rssMb: number }[]>((resolve, reject) => {
        child.once("message", (m) => resolve(m as { module: string; rssMb: number }[]));
        child.once("exit", (code) => reject(new Error(`the memory probe exited (code ${code})`)));
      }),
      60_000,
      "the memory probe took over 60 s",
    );
    return {
      steps: steps.map((s, i) => ({ module: s.module, rssMb: round(s.rssMb, 1), addedMb: round(i === 0 ? s.rssMb : s.rssMb - steps[i - 1]!.rssMb, 1) })),
    };
  } finally {
    await killChild(child, 1000);
  }
}
