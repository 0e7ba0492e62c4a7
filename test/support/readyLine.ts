// The service started as a process says "ready in N ms: http://host:port/healthz" once it serves: wait for that line.
import type { ChildProcess } from "node:child_process";

/** The /healthz address from the ready line; rejects (with what was written) when the process exits first or after `timeoutMs`. */
export function waitForReadyLine(child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line:\n${output()}`)), timeoutMs);
    const check = () => {
      const m = /ready in \d+ ms: (http:\/\/[^\s"]+)/.exec(output());
      if (!m) return;
      clearTimeout(timer);
      resolve(m[1]!);
    };
    child.stdout?.on("data", check);
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`exited before ready:\n${output()}`));
    });
    check();
  });
}
