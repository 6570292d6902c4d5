// The evaluation run behind `npm run eval` (run.ts): reviews every folder of the corpus (test/eval/corpus)
// and every diff case (test/eval/diffs) through the real review pipeline and scores the findings against
// the seeded bugs, per expert and after each filter (stages.ts). With ANTHROPIC_API_KEY set it talks to
// the real API; without it, to the local simulator, whose rule-based answers say nothing about a model's
// quality (the run says so). `--recorded DIR` scores saved answers offline, `--record DIR` saves this
// run's. `--suite DIR` measures a benchmark suite of pull requests instead (runEval, suiteRun.ts).
import { loadCorpus, corpusListing, type Corpus } from './corpus';
import { DIFF_TARGET_PREFIX, diffTargetOf, loadDiffCases, type DiffCase } from './diffCases';
import { diffVerdicts, formatDiffVerdicts } from './diffVerdicts';
import { readOptions, type EvalOptions } from './evalOptions';
import { withReviewClient } from './evalClient';
import { readRecorded, writeRecorded, type RecordedReview } from './recorded';
import { formatTable, formatTotals, runTotals } from './report';
import { reviewCorpus, type Log } from './reviewRuns';
import { matchFindings } from './score';
import { evaluateSuite } from './suiteRun';
import { scoreStages, stagesOf, type ReviewTruth, type StageScores } from './stages';

export { USAGE } from './evalOptions';
export type { Log } from './reviewRuns';

/** What a review is scored against: a diff case's expectations, or the corpus's bugs in the files it read. */
export function truthOf(corpus: Corpus, cases: readonly DiffCase[]): (review: RecordedReview) => ReviewTruth {
  return (review) => {
    if (review.target.startsWith(DIFF_TARGET_PREFIX)) {
      const c = cases.find((d) => diffTargetOf(d) === review.target);
      if (!c) throw new Error(`${review.target}: no such diff case in test/eval/diffs`);
      return {
        bugs: c.expect.filter((e) => e.expect === 'found'),
        cleanFiles: new Set(),
        listing: c.listing,
        changedLines: c.changedLines,
      };
    }
    const reviewed = new Set(review.reviewedFiles);
    return {
      bugs: corpus.bugs.filter((b) => reviewed.has(b.file)),
      cleanFiles: corpus.cleanFiles,
      listing: corpusListing(review.reviewedFiles),
    };
  };
}

function printDetails(
  reviews: readonly RecordedReview[],
  truth: (r: RecordedReview) => ReviewTruth,
  options: EvalOptions,
  log: Log,
): void {
  log('\nWhat the user is shown, per review:');
  for (const review of reviews) {
    const t = truth(review);
    const shown = [...stagesOf(review, t, options).values()].at(-1)!.get('shown')!;
    const matches = matchFindings(shown, t.bugs);
    const foundBugs = new Set(matches.map((m) => m.bug));
    const matched = new Set(matches.map((m) => m.finding));
    log(`  ${review.target}`);
    t.bugs.forEach((b, i) => {
      if (!foundBugs.has(i)) log(`    missed  ${b.file}:${b.lines[0]}-${b.lines[1]} ${b.kind}`);
    });
    shown.forEach((f, i) => {
      if (!matched.has(i)) log(`    extra   ${f.file}:${f.startLine}-${f.endLine} ${f.title ?? f.kind ?? ''}`);
    });
  }
}

async function reviewsOf(options: EvalOptions, env: NodeJS.ProcessEnv, corpus: Corpus, cases: DiffCase[], log: Log) {
  if (options.recorded) {
    const reviews = await readRecorded(options.recorded);
    const sources = [...new Set(reviews.map((r) => `${r.source} (${r.model})`))].join(', ');
    log(`Scoring ${reviews.length} recorded reviews from ${options.recorded}: ${sources}.`);
    return reviews;
  }
  return withReviewClient(env, options, log, 'Reviewing the corpus', (client, source) =>
    reviewCorpus(corpus, cases, options, client, source, log),
  );
}

/** One evaluation run; resolves with what was scored, after printing the table. */
export async function evaluate(
  argv: string[],
  env: NodeJS.ProcessEnv,
  log: Log,
): Promise<{ reviews: RecordedReview[]; scores: StageScores }> {
  const options = readOptions(argv, env);
  if (options.suite) throw new Error('--suite runs through runEval (run.ts): evaluateSuite, not evaluate');
  const corpus = loadCorpus();
  const cases = loadDiffCases();
  const reviews = await reviewsOf(options, env, corpus, cases, log);
  if (options.record) {
    await writeRecorded(options.record, reviews);
    log(`Recorded ${reviews.length} reviews in ${options.record}.`);
  }

  const truth = truthOf(corpus, cases);
  const folderReviews = reviews.filter((r) => !r.target.startsWith(DIFF_TARGET_PREFIX));
  const files = new Set(folderReviews.flatMap((r) => r.reviewedFiles));
  const bugs = corpus.bugs.filter((b) => files.has(b.file)).length;
  const clean = [...files].filter((f) => corpus.cleanFiles.has(f)).length;
  const diffs = reviews.length - folderReviews.length;
  log(
    `\n${files.size} files reviewed: ${bugs} seeded bugs, ${clean} clean files${diffs ? `; ${diffs} diff case${diffs === 1 ? '' : 's'}` : ''}. A finding matches a bug in its file within ±2 lines.\n`,
  );
  const scores = scoreStages(reviews, truth, options);
  log(
    formatTable(scores, {
      minConfidence: options.minConfidence,
      verify: options.recorded ? 'as recorded' : options.verify,
    }),
  );
  if (diffs) {
    log('\nDiff cases:');
    for (const review of reviews.filter((r) => r.target.startsWith(DIFF_TARGET_PREFIX))) {
      const c = cases.find((d) => diffTargetOf(d) === review.target)!;
      for (const line of formatDiffVerdicts(c.id, diffVerdicts(c, review, options))) log(line);
    }
  }
  log(`\n${formatTotals(runTotals(reviews))}`);
  if (options.details) printDetails(reviews, truth, options, log);
  return { reviews, scores };
}

/** `npm run eval`: the corpus and diff cases, or with --suite a benchmark suite. */
export async function runEval(argv: string[], env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const options = readOptions(argv, env);
  if (options.suite) await evaluateSuite(options, env, log);
  else await evaluate(argv, env, log);
}
