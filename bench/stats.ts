/** Latency statistics and the result shape every benchmark reports. */

export interface BenchResult {
  /** e.g. "candidate search, 30 nearest within 2 km". */
  name: string;
  /** What was measured and on how much data. */
  setup: string;
  samples: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  /** Throughput, when the benchmark measures one. */
  perSecond?: number;
  /** Anything else worth recording (memory per connection…). */
  extra?: Record<string, number | string>;
  /** The target, for the table. */
  target?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Summarises latencies (milliseconds). */
export function summarise(latencies: number[]): Pick<BenchResult, 'samples' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'maxMs'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** Renders results as a plain-text table. */
export function table(results: BenchResult[]): string {
  const rows = results.map((result) => [
    result.name,
    String(result.samples),
    result.p50Ms?.toFixed(2) ?? '',
    result.p99Ms?.toFixed(2) ?? '',
    result.perSecond ? result.perSecond.toFixed(0) : '',
    result.extra
      ? Object.entries(result.extra)
          .map(([key, value]) => `${key}=${value}`)
          .join(' ')
      : '',
    result.target ?? '',
  ]);
  const header = ['benchmark', 'n', 'p50 ms', 'p99 ms', 'per s', 'other', 'target'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
