// The table `npm run eval` prints: one row per expert, then the synthesis, what the verifier did not
// refute, and what the user is shown; then the run's cost and cache reads.
import type { RecordedReview } from './recorded';
import { SHOWN, SYNTHESIS, VERIFIED, type Score } from './score';

export interface RunTotals {
  reviews: number;
  /** Summed over reviews; undefined when no review had a known price. */
  usd: number | undefined;
  /** Cache reads as a share of all input tokens (plain input, cache writes and reads). */
  cacheReadShare: number | null;
  inputTokens: number;
  outputTokens: number;
}

export function runTotals(reviews: readonly RecordedReview[]): RunTotals {
  const sum = (pick: (r: RecordedReview) => number | undefined) => reviews.reduce((n, r) => n + (pick(r) ?? 0), 0);
  const input = sum((r) => r.usage?.inputTokens);
  const writes = sum((r) => r.usage?.cacheWriteTokens);
  const reads = sum((r) => r.usage?.cacheReadTokens);
  const priced = reviews.some((r) => r.cost?.usd !== undefined);
  return {
    reviews: reviews.length,
    usd: priced ? sum((r) => r.cost?.usd) : undefined,
    cacheReadShare: input + writes + reads ? reads / (input + writes + reads) : null,
    inputTokens: input + writes + reads,
    outputTokens: sum((r) => r.usage?.outputTokens),
  };
}

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(0)}%`);

export interface TableOptions {
  minConfidence: number | undefined;
  verify: string;
}

function label(row: string, options: TableOptions): string {
  if (row === SYNTHESIS) return 'after synthesis';
  if (row === VERIFIED)
    return options.verify === 'off' ? 'after verification (verify off)' : `after verification (${options.verify})`;
  if (row === SHOWN)
    return options.minConfidence === undefined
      ? 'shown (no confidence filter)'
      : `shown (confidence ≥ ${options.minConfidence})`;
  return `expert: ${row}`;
}

export function formatTable(scores: ReadonlyMap<string, Score>, options: TableOptions): string {
  const header = ['', 'found/expected', 'findings', 'precision', 'recall', 'F1', 'FP', 'FP on clean files'];
  const rows = [...scores].map(([row, s]) => [
    label(row, options),
    `${s.found}/${s.expected}`,
    String(s.findings),
    percent(s.precision),
    percent(s.recall),
    s.f1.toFixed(2),
    String(s.falsePositives),
    String(s.cleanFalsePositives),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatTotals(t: RunTotals): string {
  const usd = t.usd === undefined ? 'unknown (no price for this model)' : `$${t.usd.toFixed(4)}`;
  return `${t.reviews} reviews · cost ${usd} · ${t.inputTokens.toLocaleString('en')} input tokens, ${t.outputTokens.toLocaleString('en')} output · cache reads ${percent(t.cacheReadShare)} of input`;
}
