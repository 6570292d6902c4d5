// `claude-multi-agent review`: resolve the scope to a review target, run the one review pipeline on
// Node (reviewOnNode, the wiring the tests run), render the report, and pick the exit code. Git runs
// as in an untrusted workspace; a git scope's rules and agent files are read at its base (see resolveScope).
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { repositoryGit, repositoryLocation, resolveScope, reviewOnNode } from '../node';
import { emptyUsage } from '../core';
import { toSlash } from '../policy';
import {
  AGENT_ID_PREFIX,
  countHidden,
  describeHidden,
  NOT_REVIEWED_REASONS,
  notReviewedCount,
  summariseLeftOut,
  resolveModelAlias,
  type ExcludedFile,
  type LeftOutSummary,
  type ExportedRules,
  type ReviewEvent,
  type ReviewTarget,
  type RulesSource,
  type SuppressedByRule,
} from '../review';
import type { Command } from './args';
import { accessFor } from './apiAccess';
import { EXIT, RunFailedError, stopCode, UsageError, type ExitCode } from './exitCodes';
import { openForReview, postReview } from './githubReview';
import { checkOutputs, stepSummaryFile } from './outputs';
import { progressReporter, type ProgressWriter } from './progress';
import { describePullRequest, pullRequestText } from './pullRequest';
import { emitAll, reachesSeverity, type Report } from './report';
import { chooseExperts, loadConfig } from './settingsFile';
import { pricesForCap } from './capPrices';

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
  env: NodeJS.ProcessEnv,
): Promise<{ target: ReviewTarget; title: string; rulesAt?: RulesSource }> {
  if (command.scope) {
    try {
      const { diffText, title, describes, rulesAt, intent } = await resolveScope(
        root,
        command.scope,
        repositoryGit(root, cwd),
      );
      const pullRequest = describePullRequest(await pullRequestText(command.pullRequest ?? {}, env));
      const stated = [pullRequest, intent].filter(Boolean).join('\n\n');
      return { target: { kind: 'diff', diffText, describes, ...(stated && { intent: stated }) }, title, rulesAt };
    } catch (err) {
      throw new RunFailedError((err as Error).message);
    }
  }
  const paths = command.paths.map((p) => {
    const rel = toSlash(relative(root, resolve(root, p)));
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${p} is outside ${root}.`);
    return rel || '.';
  });
  // A typo next to a valid path must not pass as a smaller review.
  const missing = [];
  for (const p of paths) if (!(await stat(resolve(root, p)).catch(() => undefined))) missing.push(p);
  if (missing.length)
    throw new UsageError(`${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist under ${root}.`);
  return { target: { kind: 'paths', paths }, title: paths.join(', ') };
}

export async function reviewCommand(command: Extract<Command, { kind: 'review' }>, io: CliIo): Promise<ExitCode> {
  const root = resolve(io.cwd, command.root);
  // Every report must have somewhere to go before anything is paid for.
  await checkOutputs(command.outputs, io.cwd);
  const summaryFile = command.summary ? stepSummaryFile(io.env) : undefined;
  const { target, title, rulesAt } = await targetOf(command, root, io.cwd, io.env);
  // A git scope's agent files are read where its rules are: at the base.
  const config = await loadConfig(root, command.config && resolve(io.cwd, command.config), rulesAt);
  if (config.ignored.length)
    io.stderr.write(
      `note: --config settings the command line does not use (editor only): ${config.ignored.join(', ')}.\n`,
    );
  const access = await accessFor(command, config, io);
  config.settings.prices = access.prices;
  const pullRequest = await openForReview(command.githubReview, io);
  // The flags win over the --config file.
  if (command.minConfidence !== undefined) config.settings.minConfidence = command.minConfidence;
  if (command.verify) config.settings.verify = command.verify;
  if (command.passes !== undefined) config.settings.passes = command.passes;
  const experts = chooseExperts(config.catalog, command.experts, config.agentsReadAt);
  const agents = experts.filter((e) => e.id.startsWith(AGENT_ID_PREFIX)).map((e) => e.id);
  if (agents.length && config.agentsReadAt)
    io.stderr.write(`Agent experts (from ${config.agentsReadAt}): ${agents.join(', ')}.\n`);
  // --max-cost is the pipeline's per-run cap: each request is admitted only when its worst case fits.
  if (command.maxCost !== undefined) {
    pricesForCap(
      [config.settings.model, ...experts.map((e) => resolveModelAlias(e.model, config.settings.model))],
      config.settings.prices,
    );
    config.settings.budget = { perRunUsd: command.maxCost, perDayUsd: 0 };
  }
  let capMessage: string | undefined;
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
      if (event.type === 'capReached') capMessage ??= event.message;
      progress(event);
    },
    // No one to ask in CI: run what fits under --max-cost; the cap refuses any request that could pass it.
    confirmCost: () => Promise.resolve(true),
    signal: io.signal,
  });
  if (result.kind === 'stopped') {
    if (result.reason === 'nothingToReview') {
      // Nothing reviewable (a lock file, binaries, deletions, an empty diff) is a success that says why.
      io.stderr.write(`${result.message}\n`);
      const report = nothingToReviewReport(title, result.message, result.excluded ?? [], root);
      await emitAll(report, command.outputs, { cwd: io.cwd, env: io.env, ...(summaryFile && { summaryFile }) });
      return EXIT.ok;
    }
    if (result.reason === 'cancelled') return io.signal.aborted ? stopCode(io.signal) : EXIT.budget;
    throw new RunFailedError(result.message);
  }

  const { record, outcome } = result;
  const where = repositoryLocation(root);
  const budgetNote =
    capMessage && `Stopped at --max-cost ${command.maxCost}; the report holds what was done until then.`;
  if (capMessage) io.stderr.write(`${capMessage}\n`);
  const partialNote = notReviewedNote(record.leftOut, config.settings.contextTokenBudget);
  if (partialNote) io.stderr.write(`${partialNote}\n`);
  const stopNote = io.signal.aborted
    ? `${io.signal.reason instanceof Error ? io.signal.reason.message : 'Interrupted'}: the report holds what was done until then.`
    : undefined;
  if (stopNote) io.stderr.write(`${stopNote}\n`);
  const message = [stopNote, budgetNote, partialNote, record.message].filter(Boolean).join(' ');
  const report: Report = {
    title: record.title,
    status: capMessage ? 'budgetReached' : partialNote && record.status === 'completed' ? 'partial' : record.status,
    ...(message && { message }),
    targets: record.targets,
    summary: outcome.merged.summary,
    findings: record.findings,
    ...(record.hidden?.length && { hidden: countHidden(record.hidden) }),
    // A review in context groups ran each expert once per group: one rule each.
    experts: [...new Map(outcome.experts.map((r) => [r.expert.id, r.expert])).values()],
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
    ? ` (${describeHidden(record.hidden)}${record.hidden.some((h) => h.reason === 'outsideChanges' || h.reason === 'preExisting') ? '; --all-lines shows them' : ''})`
    : '';
  io.stderr.write(
    `${record.findings.length} findings${hidden}; cost ${record.cost.usd === undefined ? 'unknown' : `$${record.cost.usd.toFixed(4)}`}${outcome.synthesis.status === 'done' ? '' : ` (synthesis: ${outcome.synthesis.status})`}\n`,
  );

  if (reachesSeverity(record.findings, command.failOn)) return EXIT.findings;
  if (capMessage) return EXIT.budget;
  if (io.signal.aborted) return stopCode(io.signal);
  if (record.status === 'failed') throw new RunFailedError(record.message ?? 'Every expert failed.');
  if (!posted) return EXIT.failed;
  if (partialNote && !command.allowPartial) return EXIT.partial;
  return EXIT.ok;
}

/** "Not reviewed: 2 files over the 60000-token budget (a.ts, b.ts) …", or undefined when nothing was. */
function notReviewedNote(leftOut: LeftOutSummary, budgetTokens: number): string | undefined {
  const count = notReviewedCount(leftOut);
  if (!count) return undefined;
  const shown = leftOut.shown.filter((e) => NOT_REVIEWED_REASONS.has(e.reason)).slice(0, 5);
  const more = count > shown.length ? `, and ${count - shown.length} more` : '';
  return `Not reviewed: ${count} file${count === 1 ? '' : 's'} left out for the ${budgetTokens}-token budget or size limits (${shown.map((e) => e.path).join(', ')}${more}); raise contextTokenBudget or maxContextGroups in --config, or review them on their own.`;
}

/** An empty report that says why there was nothing to review, for every output (SARIF too). */
function nothingToReviewReport(title: string, why: string, excluded: ExcludedFile[], root: string): Report {
  const where = repositoryLocation(root);
  return {
    title: `Review: ${title}`,
    status: 'nothingToReview',
    notes: [why],
    targets: [],
    summary: why,
    findings: [],
    experts: [],
    results: [],
    leftOut: summariseLeftOut(excluded),
    usage: emptyUsage(),
    costUsd: 0,
    folder: where.folder,
    ...(where.rootUri && { repositoryRootUri: where.rootUri }),
  };
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
