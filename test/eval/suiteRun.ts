// `npm run eval -- --suite DIR`: reviews each pull request of a benchmark suite (suite.ts) through the
// pipeline the command line uses (a diff scope with the pull request's title and description as the
// author's intent), asks the judge (judge.ts) once per pull request which golden comments the shown
// findings match, one-to-one, and prints precision, recall and F1 per pull request and for the suite,
// with the cost of the reviews and of the judge.
import { basename, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { addCosts, type ClientConfig, type CostReport } from '../../src/core';
import { describePullRequest } from '../../src/cli/pullRequest';
import { withReviewClient } from './evalClient';
import type { EvalOptions } from './evalOptions';
import { judgePullRequest, type JudgedFinding, type JudgeMatch } from './judge';
import { diffTarget, reviewOne, type Log } from './reviewRuns';
import { ratios, sumScores, type Score } from './score';
import { loadSuite, type SuitePullRequest } from './suite';

export interface PullRequestResult {
  id: string;
  golden: number;
  findings: JudgedFinding[];
  matches: JudgeMatch[];
  score: Score;
  reviewCost: CostReport;
  judgeCost: CostReport | undefined;
}

export interface SuiteResult {
  name: string;
  pullRequests: PullRequestResult[];
  score: Score;
  source: 'api' | 'simulator';
}

/** One pull request's figures: the judge's matches against the golden comments and the findings shown. */
export function scorePullRequest(golden: number, findings: number, matches: readonly JudgeMatch[]): Score {
  return ratios(findings, golden, matches.length, 0);
}

async function runPullRequest(
  pr: SuitePullRequest,
  dir: string,
  client: ClientConfig,
  options: EvalOptions,
  log: Log,
): Promise<PullRequestResult> {
  const intent = describePullRequest({ title: pr.title, description: pr.description });
  const describes = `the changes of pull request "${pr.title || pr.id}" (a diff against its base)`;
  const result = await reviewOne(
    pr.id,
    join(dir, pr.id),
    diffTarget(pr.diffText, describes, intent),
    client,
    options,
    log,
  );
  const findings: JudgedFinding[] = result.record.findings.map((f) => ({
    file: f.file,
    startLine: f.startLine,
    endLine: f.endLine,
    severity: f.severity,
    title: f.title,
    explanation: f.explanation,
  }));
  const verdict = await judgePullRequest(client, options.judgeModel, pr.title, pr.comments, findings);
  const matches = verdict?.matches ?? [];
  return {
    id: pr.id,
    golden: pr.comments.length,
    findings,
    matches,
    score: scorePullRequest(pr.comments.length, findings.length, matches),
    reviewCost: result.record.cost,
    judgeCost: verdict?.cost,
  };
}

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(0)}%`);
const usd = (v: number | undefined) => (v === undefined ? 'unknown' : `$${v.toFixed(4)}`);
const line = (s: Score) =>
  `${s.found}/${s.expected} golden matched · ${s.findings} findings shown · precision ${percent(s.precision)} · recall ${percent(s.recall)} · F1 ${s.f1.toFixed(2)}`;

export function formatSuite(result: SuiteResult): string[] {
  const reviews = addCosts(result.pullRequests.map((p) => p.reviewCost));
  const judged = result.pullRequests.flatMap((p) => (p.judgeCost ? [p.judgeCost] : []));
  const judge = judged.length ? addCosts(judged) : { usd: 0 };
  const total = reviews.usd === undefined || judge.usd === undefined ? undefined : reviews.usd + judge.usd;
  const n = result.pullRequests.length;
  return [
    ...result.pullRequests.map((p) => `  ${p.id}: ${line(p.score)} · review ${usd(p.reviewCost.usd)}`),
    `Suite ${result.name} (${n} pull request${n === 1 ? '' : 's'}): ${line(result.score)}`,
    `Cost: reviews ${usd(reviews.usd)} + judge ${usd(judge.usd)} = ${usd(total)}${total === undefined ? '' : ` (${usd(total / n)} a pull request)`}`,
  ];
}

export async function evaluateSuite(options: EvalOptions, env: NodeJS.ProcessEnv, log: Log): Promise<SuiteResult> {
  const dir = resolve(options.suite!);
  const prs = await loadSuite(dir);
  const golden = prs.reduce((n, p) => n + p.comments.length, 0);
  log(
    `Suite ${basename(dir)}: ${prs.length} pull requests, ${golden} golden comments; one judge request per pull request.`,
  );
  const limit = pLimit(options.parallel);
  const { pullRequests, source } = await withReviewClient(
    env,
    options,
    log,
    'Reviewing the suite',
    async (client, source) => ({
      source,
      pullRequests: await Promise.all(prs.map((pr) => limit(() => runPullRequest(pr, dir, client, options, log)))),
    }),
  );
  const result: SuiteResult = {
    name: basename(dir),
    pullRequests,
    score: sumScores(pullRequests.map((p) => p.score)),
    source,
  };
  log('');
  for (const l of formatSuite(result)) log(l);
  return result;
}
