// `claude-multi-agent review`: resolve the scope to a review target, run the one review pipeline on
// Node (reviewOnNode, the wiring the tests run), render the report, and pick the exit code. Git runs
// as in an untrusted workspace; a git scope's rules files are read at its base (see resolveScope).
import { isAbsolute, relative, resolve } from 'node:path';
import { repositoryGit, repositoryLocation, resolveScope, reviewOnNode } from '../node';
import { findPrice } from '../core';
import { toSlash } from '../policy';
import {
  countHidden,
  describeHidden,
  type ExportedRules,
  type ReviewEvent,
  type ReviewTarget,
  type RulesSource,
  type SuppressedByRule,
} from '../review';
import type { Command } from './args';
import { accessFor } from './apiAccess';
import { costCap } from './costCap';
import { EXIT, RunFailedError, UsageError, type ExitCode } from './exitCodes';
import { openForReview, postReview } from './githubReview';
import { checkOutputs, stepSummaryFile } from './outputs';
import { progressReporter, type ProgressWriter } from './progress';
import { emitAll, reachesSeverity, type Report } from './report';
import { chooseExperts, loadConfig } from './settingsFile';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: ProgressWriter;
  signal: AbortSignal;
}

async function targetOf(
  command: Extract<Command, { kind: 'review' }>,
  root: string,
  cwd: string,
): Promise<{ target: ReviewTarget; title: string; rulesAt?: RulesSource }> {
  if (command.scope) {
    try {
      const { diffText, title, describes, rulesAt } = await resolveScope(root, command.scope, repositoryGit(root, cwd));
      return { target: { kind: 'diff', diffText, describes }, title, rulesAt };
    } catch (err) {
      throw new RunFailedError((err as Error).message);
    }
  }
  const paths = command.paths.map((p) => {
    const rel = toSlash(relative(root, resolve(root, p)));
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${p} is outside ${root}.`);
    return rel || '.';
  });
  return { target: { kind: 'paths', paths }, title: paths.join(', ') };
}

export async function reviewCommand(command: Extract<Command, { kind: 'review' }>, io: CliIo): Promise<ExitCode> {
  const root = resolve(io.cwd, command.root);
  // Every report must have somewhere to go before anything is paid for.
  await checkOutputs(command.outputs, io.cwd);
  const summaryFile = command.summary ? stepSummaryFile(io.env) : undefined;
  const config = await loadConfig(root, command.config && resolve(io.cwd, command.config));
  const access = await accessFor(command, config, io);
  config.settings.prices = access.prices;
  const pullRequest = await openForReview(command.githubReview, io);
  // The flags win over the --config file.
  if (command.minConfidence !== undefined) config.settings.minConfidence = command.minConfidence;
  if (command.verify) config.settings.verify = command.verify;
  const experts = chooseExperts(config.catalog, command.experts);
  const { target, title, rulesAt } = await targetOf(command, root, io.cwd);
  const cap =
    command.maxCost === undefined
      ? undefined
      : costCap(command.maxCost, config.settings.model, config.settings.prices, io.signal);
  if (cap && !findPrice(config.settings.model, config.settings.prices))
    io.stderr.write(`warning: no price is known for ${config.settings.model}, so --max-cost cannot be enforced.\n`);
  const progress = progressReporter(io.stderr);

  const result = await reviewOnNode({
    root,
    target,
    title,
    client: access.client,
    experts,
    expertProblems: config.problems,
    // Rules files are read: a git scope's from its base, so a pull request cannot rewrite its reviewer's
    // rules; paths from the folder, which whoever runs the command chose.
    readRules: true,
    ...(rulesAt && { rulesAt }),
    settings: { ...config.settings, changedLinesOnly: !command.allLines },
    onEvent: (event: ReviewEvent) => {
      cap?.onEvent(event);
      progress(event);
    },
    signal: cap?.signal ?? io.signal,
  });
  if (result.kind === 'stopped') {
    if (result.reason === 'cancelled') return io.signal.aborted ? EXIT.interrupted : EXIT.budget;
    throw new RunFailedError(result.message);
  }

  const { record, outcome } = result;
  const where = repositoryLocation(root);
  const budgetNote = cap?.reached
    ? `Stopped at --max-cost ${command.maxCost}: no further requests were started and open ones were aborted; the report holds the text received until then.`
    : undefined;
  if (budgetNote) io.stderr.write(`${budgetNote}\n`);
  const report: Report = {
    title: record.title,
    status: cap?.reached ? 'budgetReached' : record.status,
    ...((budgetNote ?? record.message) && { message: budgetNote ?? record.message }),
    targets: record.targets,
    summary: outcome.merged.summary,
    findings: record.findings,
    ...(record.hidden?.length && { hidden: countHidden(record.hidden) }),
    experts: outcome.experts.map((r) => r.expert),
    results: outcome.experts.map((r) => r.result),
    leftOut: record.leftOut,
    rules: record.rules,
    suppressedByRules: record.suppressedByRules,
    usage: record.usage,
    costUsd: record.cost.usd,
    folder: where.folder,
    ...(where.rootUri && { repositoryRootUri: where.rootUri }),
  };
  io.stderr.write(`${rulesLine(record.rules, record.suppressedByRules)}\n`);
  await emitAll(report, command.outputs, { cwd: io.cwd, env: io.env, ...(summaryFile && { summaryFile }) });
  const posted = pullRequest ? await postReview(pullRequest, report, io) : true;
  const hidden = record.hidden?.length
    ? ` (${describeHidden(record.hidden)}${record.hidden.some((h) => h.reason === 'outsideChanges') ? '; --all-lines shows them' : ''})`
    : '';
  io.stderr.write(
    `${record.findings.length} findings${hidden}; cost ${record.cost.usd === undefined ? 'unknown' : `$${record.cost.usd.toFixed(4)}`}${outcome.synthesis.status === 'done' ? '' : ` (synthesis: ${outcome.synthesis.status})`}\n`,
  );

  if (reachesSeverity(record.findings, command.failOn)) return EXIT.findings;
  if (cap?.reached) return EXIT.budget;
  if (io.signal.aborted) return EXIT.interrupted;
  if (record.status === 'failed') throw new RunFailedError(record.message ?? 'Every expert failed.');
  if (!posted) return EXIT.failed;
  return EXIT.ok;
}

/**
 * "Project rules (from the merge-base abc1234): REVIEW.md (~1130 tokens, suppressed 1 finding); rules
 * changed in this change (not applied): REVIEW.md".
 */
export function rulesLine(rules: ExportedRules, suppressed: readonly SuppressedByRule[]): string {
  if (rules.untrusted) return 'Project rules: not read.';
  const head = `Project rules${rules.readAt ? ` (from ${rules.readAt})` : ''}`;
  const changed = rules.changed?.length
    ? `; rules changed in this change (not applied): ${rules.changed.join(', ')}`
    : '';
  if (rules.files.length === 0) return `${head}: none found${changed}.`;
  const files = rules.files.map((f) => {
    const n = suppressed.find((s) => s.file === f.path)?.count ?? 0;
    return `${f.path} (~${f.tokens} tokens${n ? `, suppressed ${n} finding${n === 1 ? '' : 's'}` : ''})`;
  });
  const left = rules.leftOut.length
    ? `; left out: ${rules.leftOut.map((l) => `${l.path} (${l.detail})`).join(', ')}`
    : '';
  return `${head}: ${files.join(', ')}${left}${changed}`;
}
