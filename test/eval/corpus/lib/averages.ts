export interface Sample {
  at: number;
  value: number;
}

/** Mean of the values; NaN for no samples. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Median of the values (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Moving average over a window of `size` samples, one value per full window. */
export function movingAverage(samples: readonly Sample[], size: number): Sample[] {
  if (size < 1) throw new RangeError('window size must be at least 1');
  const out: Sample[] = [];
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    sum += samples[i]!.value;
    if (i >= size) sum -= samples[i - size]!.value;
    if (i >= size - 1) out.push({ at: samples[i]!.at, value: sum / size });
  }
  return out;
}
