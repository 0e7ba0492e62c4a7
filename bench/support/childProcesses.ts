// Every child process the benchmark starts (product hosts, the floor server), so none outlives it:
// each part stops its own, and whatever is left is killed when the benchmark exits, even on failure.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const children = new Set<ChildProcess>();
let hooked = false;

/** The repository root: children run there, so relative settings (flows/) mean what they mean for `npm start`. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

function killLeftovers(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Forks a TypeScript entry (run through tsx) with an IPC channel; tracked until it exits. */
export function forkTs(entry: URL, options: { env?: Record<string, string>; extraExecArgv?: string[] } = {}): ChildProcess {
  if (!hooked) {
    hooked = true;
    process.once("exit", killLeftovers);
  }
  const child = fork(fileURLToPath(entry), [], {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx", ...(options.extraExecArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Stops a child: asks with SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
export async function killChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills every child still running (the benchmark's `finally`). */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => killChild(c, 2000)));
}
