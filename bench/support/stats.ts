// Percentiles and medians of measured samples, rounded for the table and the JSON.

/** The p-th percentile (nearest rank) of unsorted samples; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** The median: what a repeated timing is reported as (robust to one slow run). */
export const median = (samples: readonly number[]): number | null => percentile(samples, 50);

/** Rounds to `digits` decimals (null stays null), so results read well and compare across runs. */
export function round(value: number | null, digits = 2): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** The latency figures every part reports the same way. */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p90Ms: round(percentile(samples, 90)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(samples.length ? Math.max(...samples) : null),
  };
}
