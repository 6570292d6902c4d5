// The table `npm run eval` prints: per expert and for all experts together, what was raised, what the
// synthesis kept, what each filter left (evidence, confidence, verification, pre-existing) and what the
// user is shown; then the run's cost (in all and per review) and cache reads.
import type { RecordedReview } from './recorded';
import { ALL_EXPERTS, STAGES, type Stage, type StageScores } from './stages';

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

function label(stage: Stage, options: TableOptions): string {
  switch (stage) {
    case 'raised':
      return 'raised by the expert(s)';
    case 'synthesis':
      return 'after synthesis';
    case 'evidence':
      return '− unsupported quotes';
    case 'confidence':
      return options.minConfidence === undefined
        ? '− low confidence (no threshold)'
        : `− low confidence (< ${options.minConfidence})`;
    case 'verification':
      return `− refuted (verify ${options.verify})`;
    case 'preExisting':
      return '− pre-existing (diffs)';
    case 'shown':
      return 'shown';
  }
}

/** Per expert, then all experts: a block of rows, one per stage, each filter applied after those above. */
export function formatTable(scores: StageScores, options: TableOptions): string {
  const header = ['', 'found/expected', 'findings', 'precision', 'recall', 'F1', 'FP', 'FP on clean files'];
  const rows: string[][] = [];
  for (const [row, stages] of scores) {
    rows.push([row === ALL_EXPERTS ? 'All experts' : `Expert: ${row}`, '', '', '', '', '', '', '']);
    for (const stage of STAGES) {
      const s = stages.get(stage)!;
      rows.push([
        `  ${label(stage, options)}`,
        `${s.found}/${s.expected}`,
        String(s.findings),
        percent(s.precision),
        percent(s.recall),
        s.f1.toFixed(2),
        String(s.falsePositives),
        String(s.cleanFalsePositives),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatTotals(t: RunTotals): string {
  const usd = t.usd === undefined ? 'unknown (no price for this model)' : `$${t.usd.toFixed(4)}`;
  const each = t.usd === undefined || t.reviews === 0 ? '' : ` ($${(t.usd / t.reviews).toFixed(4)} a review)`;
  return `${t.reviews} reviews · cost ${usd}${each} · ${t.inputTokens.toLocaleString('en')} input tokens, ${t.outputTokens.toLocaleString('en')} output · cache reads ${percent(t.cacheReadShare)} of input`;
}
