// Progress lines while the benchmark runs ("which part, how far"), with the time since the start.

let startedAt = Date.now();
let quiet = false;

/** Starts the clock the progress lines show; `silent` turns them off (the smoke test). */
export function resetProgress(options: { silent?: boolean } = {}): void {
  startedAt = Date.now();
  quiet = options.silent ?? false;
}

/** One progress line: `[  12.3 s] part: message`. */
export function progress(part: string, message: string): void {
  if (quiet) return;
  const s = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[${s} s] ${part}: ${message}\n`);
}

/** Calls `report` at most every `everyMs`: for loops that would print too often. */
export function throttled(everyMs: number, report: () => void): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    report();
  };
}
