// Starts the product in a child process (bench/support/productHost.ts) and talks to it: the benchmark's
// load generator and the fake Telegram stay in this process, so the product has a core of its own.
import type { ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { forkTs, killChild } from "./childProcesses.ts";
import { withTimeout } from "./timeout.ts";
import type { HostReady, HostReply, HostRequest, HostSpec, HostUsage, ScaleQueryRequest, ScaleQueryTimings } from "./hostProtocol.ts";

export interface HostStopped {
  usage: HostUsage | null;
  stopMs: number;
  clean: boolean;
}

export interface ProductProcess {
  pid: number;
  port: number;
  baseUrl: string;
  ready: HostReady & { spawnToReadyMs: number };
  usage(): Promise<HostUsage>;
  scaleQueries(request: ScaleQueryRequest): Promise<ScaleQueryTimings>;
  /**
   * Stops the service (service.stop(), as on SIGTERM), killing it after `graceMs`; resolves with its usage
   * just before, how long the clean stop took, and whether it finished in time.
   */
  stop(graceMs?: number): Promise<HostStopped>;
}

/** Forks a product host and waits until it listens. `cpuProfDir` records a V8 CPU profile there. */
export async function startProduct(spec: HostSpec, options: { cpuProfDir?: string } = {}): Promise<ProductProcess> {
  const t0 = performance.now();
  const child = forkTs(new URL("./productHost.ts", import.meta.url), {
    env: { BENCH_HOST: JSON.stringify(spec) },
    extraExecArgv: options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.stdout?.resume();

  const ready = await new Promise<HostReady>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the product host exited (code ${code}) before it was ready:\n${stderr}`));
    child.once("exit", onExit);
    child.once("message", (message: HostReady) => {
      child.off("exit", onExit);
      resolve(message);
    });
  });
  const spawnToReadyMs = performance.now() - t0;

  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on("message", (message: HostReply) => {
    if (message.type !== "reply") return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(`product host: ${message.error}`));
  });
  child.once("exit", (code) => {
    for (const w of pending.values()) w.reject(new Error(`the product host exited (code ${code}):\n${stderr}`));
    pending.clear();
  });
  const request = <T>(message: Omit<HostRequest, "id">): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...message, id } as HostRequest);
    });

  return {
    pid: child.pid!,
    port: ready.port,
    baseUrl: `http://127.0.0.1:${ready.port}`,
    ready: { ...ready, spawnToReadyMs },
    usage: () => request<HostUsage>({ type: "usage" }),
    scaleQueries: (req) => request<ScaleQueryTimings>({ type: "scaleQueries", request: req } as Omit<HostRequest, "id">),
    stop: (graceMs = 30_000) => stopHost(child, graceMs, request),
  };
}

async function stopHost(child: ChildProcess, graceMs: number, request: <T>(m: Omit<HostRequest, "id">) => Promise<T>): Promise<HostStopped> {
  if (child.exitCode !== null || child.signalCode !== null) return { usage: null, stopMs: 0, clean: false };
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const usage = await withTimeout(request<HostUsage>({ type: "usage" }), 5000, "no usage").catch(() => null);
  const t0 = performance.now();
  let clean = true;
  try {
    await withTimeout(request<HostUsage>({ type: "stop" }), graceMs, `the product host did not stop within ${graceMs} ms`);
    await withTimeout(exited, 5000, "the product host did not exit after stopping");
  } catch {
    clean = false;
  }
  const stopMs = performance.now() - t0;
  await killChild(child, 2000);
  return { usage, stopMs, clean };
}

/** Polls GET /healthz until it answers 200 (how long `npm start` takes to be usable). */
export async function waitForHealth(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl}/healthz did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
