// `claude-multi-agent sweep --batch`: the workspace in context groups, every group × expert in one
// Message Batch at half price, resumable (by the same sweep only) from its state file in the user's
// cache folder, merged into one report. `sweep --interactive`: the same requests one by one at full
// price, for providers without Message Batches (Bedrock, Vertex).
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { formatUsd } from '../core';
import {
  nodeWorkspaceFs,
  readGlobalGitExcludes,
  repositoryLocation,
  sweepCacheFolder,
  sweepStateFile,
  sweepStateFolder,
  SweepStateConflict,
} from '../node';
import { toSlash } from '../policy';
import {
  countHidden,
  describeHidden,
  NothingToReviewError,
  partitionFindings,
  runSweep,
  type SweepProgress,
} from '../review';
import type { Command } from './args';
import { accessFor } from './apiAccess';
import { EXIT, RunFailedError, UsageError, type ExitCode } from './exitCodes';
import { checkOutputs, stepSummaryFile } from './outputs';
import { emitAll, reachesSeverity } from './report';
import { rulesLine, type CliIo } from './reviewCommand';
import { sweepCostCap } from './sweepCostCap';
import { chooseExperts, loadConfig } from './settingsFile';

/** Where versions before 0.2 kept the state, in the work tree. */
const LEGACY_STATE_FILE = '.claude-multi-agent/sweep.json';

function describe(p: SweepProgress): string {
  switch (p.type) {
    case 'gathered':
      return `${p.files} files in ${p.groups} context group${p.groups === 1 ? '' : 's'}: ${p.requests} requests in one batch (50% price)`;
    case 'created':
      return `batch ${p.batchId} created; its id is saved, so an interrupted sweep resumes it`;
    case 'resumed':
      return `resuming batch ${p.batchId} of this sweep, submitted ${p.createdAt} (nothing is sent again; --fresh submits a new one)`;
    case 'changed':
      return `warning: ${p.files.length} file${p.files.length === 1 ? '' : 's'} changed since batch ${p.batchId} was submitted (${p.files.slice(0, 10).join(', ')}${p.files.length > 10 ? ', …' : ''}): its findings describe the files as they were then; --fresh reviews them as they are now (a new batch, billed again)`;
    case 'answered':
      return `${p.done} of ${p.total} requests answered`;
    case 'polled': {
      const c = p.batch.request_counts;
      return `batch ${p.batch.id}: ${p.batch.processing_status}, ${c.succeeded + c.errored + c.canceled + c.expired} done, ${c.processing} processing`;
    }
  }
}

export async function sweepCommand(command: Extract<Command, { kind: 'sweep' }>, io: CliIo): Promise<ExitCode> {
  const root = resolve(io.cwd, command.root);
  await checkOutputs(command.outputs, io.cwd);
  const summaryFile = command.summary ? stepSummaryFile(io.env) : undefined;
  const config = await loadConfig(root, command.config && resolve(io.cwd, command.config));
  const access = await accessFor(command, config, io);
  config.settings.prices = access.prices;
  const client = access.client;
  if (!command.interactive && !access.capabilities.batches)
    throw new UsageError(
      `sweep --batch needs the Anthropic API's Message Batches, which ${access.label} does not offer. Add --interactive to send the same requests one by one at full price (twice the batch price, not resumable), or use --provider anthropic.`,
    );
  const experts = chooseExperts(config.catalog, command.experts);
  for (const p of config.problems) io.stderr.write(`warning: expert ${p.source}: ${p.reason}\n`);
  const state = command.state
    ? sweepStateFile(resolve(io.cwd, command.state))
    : sweepStateFolder(sweepCacheFolder(root, io.env));
  if (!command.state && existsSync(join(root, LEGACY_STATE_FILE)))
    io.stderr.write(
      `warning: ${LEGACY_STATE_FILE} was written by an earlier version; sweeps now keep their state in ${sweepCacheFolder(root, io.env)}. Collect that batch with the earlier version, or remove the file.\n`,
    );
  const globalExcludes = await readGlobalGitExcludes();
  const paths = command.paths.map((p) => {
    const rel = toSlash(relative(root, resolve(root, p)));
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${p} is outside ${root}.`);
    return rel || '.';
  });

  // Checked before anything is paid for (a model without a price cannot be capped).
  const capCheck =
    command.maxCost === undefined
      ? undefined
      : sweepCostCap(command.maxCost, experts, config.settings, command.interactive);
  let outcome;
  try {
    outcome = await runSweep({
      paths,
      title: `Sweep: ${paths.join(', ')}`,
      // Whoever runs the command in a repository trusts it, as for a review: its rules files are read.
      files: { fs: nodeWorkspaceFs, root, trusted: true, ...(globalExcludes && { globalExcludes }) },
      experts,
      client,
      settings: config.settings,
      state,
      fresh: command.fresh,
      pollMs: command.pollMs,
      signal: io.signal,
      interactive: command.interactive,
      onProgress: (p) => io.stderr.write(`${describe(p)}\n`),
      ...(capCheck && { beforeCreate: capCheck }),
    });
  } catch (err) {
    if (io.signal.aborted) {
      io.stderr.write(
        command.interactive
          ? 'interrupted; an interactive sweep is not resumable: run it again to start over.\n'
          : 'interrupted; run the same command again to resume the batch.\n',
      );
      return EXIT.interrupted;
    }
    if (err instanceof NothingToReviewError) throw new RunFailedError(err.message);
    if (err instanceof SweepStateConflict) throw new UsageError(err.message);
    throw err;
  }

  // The batch has no synthesis to re-score, but the experts' own scores still decide what is reported.
  const minConfidence = command.minConfidence ?? config.settings.minConfidence;
  const { shown, hidden } = partitionFindings(
    outcome.merged.findings,
    minConfidence === undefined ? {} : { minConfidence },
  );
  if (command.verify && command.verify !== 'off')
    io.stderr.write('warning: --verify applies to review only; a sweep is not verified.\n');
  const costNotes = outcome.groups.map(
    (g, i) => `group ${i + 1} (${g.paths.length} files, ${g.contextTokens} tokens): ${formatUsd(g.cost.usd)}`,
  );
  const message = outcome.unanswered
    ? `${outcome.unanswered} batch requests were not answered (errored, canceled or expired).`
    : undefined;
  const where = repositoryLocation(root);
  await emitAll(
    {
      title: outcome.title,
      status: outcome.unanswered ? 'partial' : 'completed',
      ...(message && { message }),
      targets: outcome.groups.flatMap((g) => g.paths),
      summary: outcome.merged.summary,
      findings: shown,
      ...(hidden.length && { hidden: countHidden(hidden) }),
      experts: outcome.experts,
      results: outcome.results,
      leftOut: outcome.leftOut,
      ...(outcome.rules && { rules: outcome.rules, suppressedByRules: [] }),
      usage: outcome.usage,
      costUsd: outcome.cost.usd,
      costNotes: [
        command.interactive ? 'interactive requests at full price' : `batch ${outcome.batchId} at the 50% batch price`,
        ...costNotes,
      ],
      folder: where.folder,
      ...(where.rootUri && { repositoryRootUri: where.rootUri }),
    },
    command.outputs,
    { cwd: io.cwd, env: io.env, ...(summaryFile && { summaryFile }) },
  );
  if (outcome.rules) io.stderr.write(`${rulesLine(outcome.rules, [])}\n`);
  // The report is out: the batch is done with, and the next sweep starts afresh.
  if (!command.interactive) await state.clear(outcome.key);
  const hiddenNote = describeHidden(hidden);
  io.stderr.write(
    `${shown.length} findings${hiddenNote ? ` (${hiddenNote})` : ''}; ${command.interactive ? 'cost' : 'batch cost'} ${formatUsd(outcome.cost.usd)}\n`,
  );
  if (reachesSeverity(shown, command.failOn)) return EXIT.findings;
  if (outcome.unanswered === outcome.results.length)
    throw new RunFailedError(message ?? 'No batch request was answered.');
  return EXIT.ok;
}
