// The evaluation run behind `npm run eval` (run.ts): reviews every folder of the corpus
// (test/eval/corpus) through the real review pipeline and scores the findings against the seeded bugs
// (score.ts). With ANTHROPIC_API_KEY set it talks to the real API; without it, to the local simulator,
// whose rule-based answers say nothing about a model's quality (the run says so). `--recorded DIR`
// scores saved answers offline, `--record DIR` saves this run's.
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { DEFAULT_MODEL, type ClientConfig } from '../../src/core';
import { clientFromEnv } from '../../src/cli/apiAccess';
import { reviewOnNode } from '../../src/node';
import type { ReviewSettings } from '../../src/review';
import { demoResponder } from '../support/demoResponder';
import { startSimulator, type Simulator } from '../support/simulator';
import { CORPUS_ROOT, loadCorpus, type Corpus } from './corpus';
import { readRecorded, recordOf, writeRecorded, type RecordedReview } from './recorded';
import { formatTable, formatTotals, runTotals } from './report';
import { matchFindings, scoreRun, SHOWN, stages, type Score } from './score';

/** Where the run's lines go (console.log from run.ts; a list in the unit test). */
export type Log = (line: string) => void;

const VERIFY_MODES = ['off', 'high-severity', 'all'] as const;
type VerifyMode = (typeof VERIFY_MODES)[number];

interface EvalOptions {
  model: string;
  minConfidence: number | undefined;
  verify: VerifyMode;
  only: string[];
  parallel: number;
  record: string | undefined;
  recorded: string | undefined;
  details: boolean;
}

export const USAGE =
  'npm run eval -- [--model M] [--min-confidence N] [--verify off|high-severity|all] [--only FOLDER,…] [--parallel N] [--record DIR | --recorded DIR] [--details]';

function readOptions(argv: string[], env: NodeJS.ProcessEnv): EvalOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      'min-confidence': { type: 'string' },
      verify: { type: 'string', default: 'off' },
      only: { type: 'string' },
      parallel: { type: 'string', default: '2' },
      record: { type: 'string' },
      recorded: { type: 'string' },
      details: { type: 'boolean', default: false },
    },
  });
  const verify = values.verify as VerifyMode;
  if (!VERIFY_MODES.includes(verify)) throw new Error(`--verify takes ${VERIFY_MODES.join(', ')}`);
  const minConfidence = values['min-confidence'] === undefined ? undefined : Number(values['min-confidence']);
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 100))
    throw new Error('--min-confidence takes 0 to 100');
  const parallel = Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error('--parallel takes a positive whole number');
  if (values.record && values.recorded) throw new Error('--record and --recorded do not go together');
  return {
    model: values.model ?? env['EVAL_MODEL'] ?? DEFAULT_MODEL,
    minConfidence,
    verify,
    only: values.only
      ? values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    parallel,
    record: values.record,
    recorded: values.recorded,
    details: values.details,
  };
}

/** Reviews each chosen corpus folder as a user would review a folder, `parallel` folders at a time. */
async function reviewCorpus(
  corpus: Corpus,
  options: EvalOptions,
  client: ClientConfig,
  source: string,
  log: Log,
): Promise<RecordedReview[]> {
  const settings: Partial<ReviewSettings> = {
    model: options.model,
    verify: options.verify,
    ...(options.minConfidence !== undefined && { minConfidence: options.minConfidence }),
  };
  const folders = options.only.length ? corpus.folders.filter((f) => options.only.includes(f)) : corpus.folders;
  if (folders.length === 0) throw new Error(`--only names no corpus folder (there are: ${corpus.folders.join(', ')})`);
  const limit = pLimit(options.parallel);
  return Promise.all(
    folders.map((folder) =>
      limit(async () => {
        const started = performance.now();
        const result = await reviewOnNode({
          root: CORPUS_ROOT,
          target: { kind: 'paths', paths: [folder] },
          client,
          settings,
          readRules: false,
        });
        if (result.kind !== 'finished') throw new Error(`review of ${folder} stopped: ${result.message}`);
        const failed = result.outcome.experts.filter((e) => e.result.error);
        const note = failed.length
          ? `, failed: ${failed.map((e) => `${e.expert.name} (${e.result.error})`).join('; ')}`
          : '';
        log(
          `  reviewed ${folder}: ${result.record.reviewedFiles.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s${note}`,
        );
        return recordOf(folder, source, options.model, result);
      }),
    ),
  );
}

function printDetails(
  reviews: readonly RecordedReview[],
  corpus: Corpus,
  minConfidence: number | undefined,
  log: Log,
): void {
  log('\nWhat the user is shown, per review:');
  for (const review of reviews) {
    const reviewed = new Set(review.reviewedFiles);
    const bugs = corpus.bugs.filter((b) => reviewed.has(b.file));
    const shown = stages(review, minConfidence).get(SHOWN) ?? [];
    const matches = matchFindings(shown, bugs);
    const foundBugs = new Set(matches.map((m) => m.bug));
    const matched = new Set(matches.map((m) => m.finding));
    log(`  ${review.target}`);
    bugs.forEach((b, i) => {
      if (!foundBugs.has(i)) log(`    missed  ${b.file}:${b.lines[0]}-${b.lines[1]} ${b.kind}`);
    });
    shown.forEach((f, i) => {
      if (!matched.has(i)) log(`    extra   ${f.file}:${f.startLine}-${f.endLine} ${f.title ?? f.kind ?? ''}`);
    });
  }
}

/** One evaluation run; resolves with what was scored, after printing the table. */
export async function evaluate(
  argv: string[],
  env: NodeJS.ProcessEnv,
  log: Log,
): Promise<{ reviews: RecordedReview[]; scores: Map<string, Score> }> {
  const options = readOptions(argv, env);
  const corpus = loadCorpus();
  let reviews: RecordedReview[];
  let sim: Simulator | undefined;
  try {
    if (options.recorded) {
      reviews = await readRecorded(options.recorded);
      const sources = [...new Set(reviews.map((r) => `${r.source} (${r.model})`))].join(', ');
      log(`Scoring ${reviews.length} recorded reviews from ${options.recorded}: ${sources}.`);
    } else if (env['ANTHROPIC_API_KEY']?.trim()) {
      log(`Reviewing the corpus with ${options.model} against the real API (ANTHROPIC_API_KEY is set).`);
      reviews = await reviewCorpus(corpus, options, (await clientFromEnv(env)).client, 'api', log);
    } else {
      sim = await startSimulator({
        apiKey: 'eval-simulator-key',
        responder: demoResponder,
        timeToFirstTokenMs: 5,
        tokensPerSecond: 0,
      });
      log('No ANTHROPIC_API_KEY: reviewing against the local simulator. Its answers come from a few regular');
      log(
        'expressions (test/support/demoResponder.ts), so these figures test the harness and mean NOTHING about model quality.',
      );
      reviews = await reviewCorpus(
        corpus,
        options,
        { apiKey: 'eval-simulator-key', baseURL: sim.url },
        'simulator',
        log,
      );
    }
  } finally {
    await sim?.close();
  }
  if (options.record) {
    await writeRecorded(options.record, reviews);
    log(`Recorded ${reviews.length} reviews in ${options.record}.`);
  }

  const files = new Set(reviews.flatMap((r) => r.reviewedFiles));
  const bugs = corpus.bugs.filter((b) => files.has(b.file)).length;
  const clean = [...files].filter((f) => corpus.cleanFiles.has(f)).length;
  log(
    `\n${files.size} files reviewed: ${bugs} seeded bugs, ${clean} clean files. A finding matches a bug in its file within ±2 lines.\n`,
  );
  const scores = scoreRun(reviews, corpus, options.minConfidence);
  log(
    formatTable(scores, {
      minConfidence: options.minConfidence,
      verify: options.recorded ? 'as recorded' : options.verify,
    }),
  );
  log(`\n${formatTotals(runTotals(reviews))}`);
  if (options.details) printDetails(reviews, corpus, options.minConfidence, log);
  return { reviews, scores };
}
