// The reviews an evaluation runs, each through the real pipeline on Node (reviewOnNode), as the command
// line runs them: a corpus folder as a user reviews a folder; a diff (a diff case's commit, a suite's
// pull request) as a diff scope with the author's intent, as `review --commit` or `--pr-title` send it.
import pLimit from 'p-limit';
import type { ClientConfig } from '../../src/core';
import { reviewOnNode } from '../../src/node';
import type { ReviewPipelineResult, ReviewSettings, ReviewTarget } from '../../src/review';
import { CORPUS_ROOT, type Corpus } from './corpus';
import { DIFFS_ROOT, diffTargetOf, type DiffCase } from './diffCases';
import type { EvalOptions } from './evalOptions';
import { recordOf, type RecordedReview } from './recorded';

/** Where the run's lines go (console.log from run.ts; a list in the unit tests). */
export type Log = (line: string) => void;

type Finished = Extract<ReviewPipelineResult, { kind: 'finished' }>;

export const settingsOf = (options: EvalOptions): Partial<ReviewSettings> => ({
  model: options.model,
  verify: options.verify,
  ...(options.minConfidence !== undefined && { minConfidence: options.minConfidence }),
});

/** One review; throws when it stops, logs its files, time and failed experts. */
export async function reviewOne(
  name: string,
  root: string,
  target: ReviewTarget,
  client: ClientConfig,
  options: EvalOptions,
  log: Log,
): Promise<Finished> {
  const started = performance.now();
  const result = await reviewOnNode({ root, target, client, settings: settingsOf(options), readRules: false });
  if (result.kind !== 'finished') throw new Error(`review of ${name} stopped: ${result.message}`);
  const failed = result.outcome.experts.filter((e) => e.result.error);
  const note = failed.length ? `, failed: ${failed.map((e) => `${e.expert.name} (${e.result.error})`).join('; ')}` : '';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`  reviewed ${name}: ${result.record.reviewedFiles.length} files in ${seconds} s${note}`);
  return result;
}

/** A diff as the command line sends a commit's or a pull request's: the diff text and what the author meant. */
export const diffTarget = (diffText: string, describes: string, intent: string): ReviewTarget => ({
  kind: 'diff',
  diffText,
  describes,
  ...(intent.trim() && { intent }),
});

/** The chosen corpus folders and diff cases, `parallel` reviews at a time. */
export async function reviewCorpus(
  corpus: Corpus,
  cases: readonly DiffCase[],
  options: EvalOptions,
  client: ClientConfig,
  source: string,
  log: Log,
): Promise<RecordedReview[]> {
  const wanted = (name: string) => options.only.length === 0 || options.only.includes(name);
  const folders = corpus.folders.filter(wanted);
  const chosenCases = cases.filter((c) => wanted(c.id) || wanted(diffTargetOf(c)));
  if (folders.length + chosenCases.length === 0)
    throw new Error(
      `--only names no corpus folder or diff case (there are: ${[...corpus.folders, ...cases.map((c) => c.id)].join(', ')})`,
    );
  const limit = pLimit(options.parallel);
  const folderReviews = folders.map((folder) =>
    limit(async () => {
      const target: ReviewTarget = { kind: 'paths', paths: [folder] };
      const result = await reviewOne(folder, CORPUS_ROOT, target, client, options, log);
      return recordOf(folder, source, options.model, result);
    }),
  );
  const caseReviews = chosenCases.map((c) =>
    limit(async () => {
      const subject = c.message.split('\n')[0]!;
      const target = diffTarget(c.diffText, `the changes of commit "${subject}" (against its parent)`, c.message);
      const result = await reviewOne(diffTargetOf(c), DIFFS_ROOT, target, client, options, log);
      return recordOf(diffTargetOf(c), source, options.model, result);
    }),
  );
  return Promise.all([...folderReviews, ...caseReviews]);
}
