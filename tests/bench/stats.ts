export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return '– (nicht gemessen)';
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
