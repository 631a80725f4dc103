// Latency figures of a benchmark run, in milliseconds.
export type LatencySummary = { p50: number; p90: number; p99: number; max: number; mean: number };

/** Nearest-rank percentiles: the p-th percentile is a latency some request actually had. */
export function latencySummary(latenciesMs: readonly number[]): LatencySummary {
  if (latenciesMs.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (percent: number) => sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)]!;
  const total = sorted.reduce((sum, latency) => sum + latency, 0);
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1]!, mean: total / sorted.length };
}
