// A workspace-scale sweep through the Message Batches API: gather the target, split it into context
// groups that fit the budget, send every group × expert as one request of a single batch, keep the
// batch id under the sweep's key so that the same sweep, interrupted, resumes polling instead of paying
// twice (and says which files changed since), then place and merge the findings with the cost per group.
// Each group's request shares a block as a review's does (SharedBlock): the project's rules for every
// swept file (read once, none in an untrusted folder; the same text in every group, so it is one cached
// prefix with its own breakpoint), then the group's code.
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import {
  addCosts,
  batchRequest,
  batchResults,
  createBatch,
  sumUsage,
  waitForBatch,
  type BatchItemResult,
  type ClientConfig,
  type CostReport,
  type Logger,
  type SdkClient,
  type SystemInput,
  type Usage,
} from '../../core';
import {
  gatherContext,
  GROUP_FILL,
  splitIntoGroups,
  summariseLeftOut,
  WALK_BUDGET_TOKENS,
  type ExcludedFile,
} from '../context';
import { resolveModelAlias, type ExpertDefinition } from '../experts';
import {
  EXPERT_FINDINGS_SCHEMA,
  fallbackMerge,
  parseExpertFindings,
  type ExpertResult,
  type MergedFindings,
} from '../findings';
import { readProjectRules, type FileSource, type ReviewSettings } from '../pipeline';
import { expertPrompt } from '../prompts';
import { sweepInteractively } from './interactiveSweep';
import { summariseRules, type RulesSummary } from '../rules';
import { sharedBlock } from '../sharedBlock';
import { changedFiles, contentHashes, sweepKey, sweepScope } from './sweepKey';
import type { SweepGroup, SweepState, SweepStateStore } from './sweepState';

export type SweepProgress =
  /** Before the batch is created: `inputTokens` is every request's shared block, uncached. */
  | { type: 'gathered'; groups: number; requests: number; files: number; inputTokens: number }
  | { type: 'created'; batchId: string }
  | { type: 'resumed'; batchId: string; createdAt: string }
  /** On a resume: files whose content differs from what the batch was given (changed, added or gone). */
  | { type: 'changed'; batchId: string; files: string[] }
  /** Interactive sweeps (no batches): requests answered so far. */
  | { type: 'answered'; done: number; total: number }
  | { type: 'polled'; batch: MessageBatch };

export interface SweepInput {
  paths: string[];
  title: string;
  files: FileSource;
  experts: ExpertDefinition[];
  client: SdkClient | ClientConfig;
  settings: ReviewSettings;
  state: SweepStateStore;
  /** Forget a saved batch of this sweep and submit a new one. */
  fresh?: boolean;
  /** Resume this saved batch whatever the key (the editor, after a reload, picks up what is pending). */
  resume?: SweepState;
  pollMs: number;
  signal?: AbortSignal;
  onProgress?: (p: SweepProgress) => void;
  /** Called once before a new batch is created (a shell may ask the user); throwing stops the sweep with nothing sent. */
  beforeCreate?: (p: Extract<SweepProgress, { type: 'gathered' }>) => void | Promise<void>;
  logger?: Logger;
  /**
   * Send ordinary requests at full price instead of one batch (for providers without Message Batches:
   * Amazon Bedrock, Google Vertex AI). Nothing is saved to resume; the shell asks before choosing this.
   */
  interactive?: boolean;
}

export interface SweepGroupOutcome {
  paths: string[];
  contextTokens: number;
  usage: Usage;
  cost: CostReport;
}

export interface SweepOutcome {
  batchId: string;
  /** The sweep's key: clear its saved state with it once the report is out. */
  key: string;
  title: string;
  /** True when this run found a saved batch and polled it instead of creating one. */
  resumed: boolean;
  experts: ExpertDefinition[];
  results: ExpertResult[];
  merged: MergedFindings;
  groups: SweepGroupOutcome[];
  leftOut: SweepState['leftOut'];
  /** The project's rules files every request read (or why none: an untrusted folder); absent when resumed from an older state. */
  rules?: RulesSummary;
  usage: Usage;
  cost: CostReport;
  /** Requests that did not succeed (errored, canceled, expired). */
  unanswered: number;
}

async function prepare(
  input: SweepInput,
  key: Pick<SweepState, 'key' | 'scope'>,
): Promise<SweepState & { requestsToSend: ReturnType<typeof batchRequest>[]; systems: SystemInput[] }> {
  const { files, settings, signal } = input;
  const gatherBase = {
    fs: files.fs,
    workspaceRoot: files.root,
    filesExclude: files.filesExclude ?? [],
    extraExclude: settings.exclude,
    ...(files.globalExcludes && { globalExcludes: files.globalExcludes }),
    ...(signal && { signal }),
    // Rules files and agent definitions are context, not code under review: the rules among them
    // reach every request as rules (readProjectRules below), none is swept as code.
    instructionsAsContext: { extraPaths: settings.rules?.extraPaths ?? [] },
  };
  const all = await gatherContext({
    ...gatherBase,
    target: { kind: 'paths', paths: input.paths },
    budgetTokens: WALK_BUDGET_TOKENS,
  });
  const excluded: ExcludedFile[] = [...all.excluded];
  const rules = await readProjectRules(
    files,
    settings,
    all.files.map((f) => f.path),
    signal && { signal },
  );
  for (const r of rules.leftOut) input.logger?.info(`Rules file ${r.path} left out: ${r.detail}.`);
  const groups: SweepGroup[] = [];
  const requestsToSend: ReturnType<typeof batchRequest>[] = [];
  const requests: SweepState['requests'] = {};
  const contents: SweepState['contents'] = {};
  const systems: SystemInput[] = [];
  for (const paths of splitIntoGroups(all.files, Math.floor(settings.contextTokenBudget * GROUP_FILL))) {
    const context = await gatherContext({
      ...gatherBase,
      target: { kind: 'paths', paths },
      budgetTokens: settings.contextTokenBudget,
    });
    excluded.push(...context.excluded);
    const block = sharedBlock(context, rules.systemText);
    Object.assign(contents, contentHashes(context.listing));
    systems.push(block.system);
    const g = groups.length;
    groups.push({
      paths,
      files: context.files.map(({ path, startLine, endLine }) => ({ path, startLine, endLine })),
      contextTokens: context.totalTokens,
    });
    input.experts.forEach((e, x) => {
      const customId = `g${g}-e${x}`;
      requests[customId] = { group: g, expert: x };
      requestsToSend.push(
        batchRequest(
          {
            customId,
            model: resolveModelAlias(e.model, settings.model),
            maxTokens: settings.maxTokens,
            sharedSystem: block.system,
            prompt: expertPrompt(e),
            outputFormat: { type: 'json_schema', schema: { ...EXPERT_FINDINGS_SCHEMA } },
          },
          input.logger,
        ),
      );
    });
  }
  return {
    version: 2,
    ...key,
    contents,
    batchId: '',
    createdAt: '',
    title: input.title,
    groups,
    experts: input.experts,
    requests,
    leftOut: summariseLeftOut(excluded),
    rules: summariseRules(rules),
    requestsToSend,
    systems,
  };
}

export async function runSweep(input: SweepInput): Promise<SweepOutcome> {
  const scope = sweepScope(input.paths, input.experts, input.settings);
  const key = sweepKey(scope);
  if (input.interactive) return runInteractive(input, { key, scope });
  if (input.fresh) await input.state.clear(key);
  let state = input.resume ?? (await input.state.load(key));
  const resumed = !!state;
  if (state) {
    input.onProgress?.({ type: 'resumed', batchId: state.batchId, createdAt: state.createdAt });
    // Read (never sent) again to tell the user what the batch's findings no longer describe.
    const now = await prepare({ ...input, paths: state.scope.paths }, state);
    const changed = changedFiles(state.contents, now.contents);
    if (changed.length) input.onProgress?.({ type: 'changed', batchId: state.batchId, files: changed });
  } else {
    const { requestsToSend, systems: _systems, ...prepared } = await prepare(input, { key, scope });
    await announce(input, prepared, requestsToSend.length);
    input.signal?.throwIfAborted();
    const batch = await createBatch(input.client, requestsToSend);
    state = { ...prepared, batchId: batch.id, createdAt: new Date().toISOString() };
    // Saved before the first poll: from here on, a second run resumes this batch.
    await input.state.save(state);
    input.onProgress?.({ type: 'created', batchId: batch.id });
  }

  await waitForBatch(input.client, state.batchId, {
    intervalMs: input.pollMs,
    ...(input.signal && { signal: input.signal }),
    onPoll: (batch) => input.onProgress?.({ type: 'polled', batch }),
  });
  const items = await batchResults(input.client, state.batchId, input.settings.prices);
  return mergeSweep(state, items, resumed);
}

async function announce(input: SweepInput, prepared: Pick<SweepState, 'groups'>, requests: number): Promise<void> {
  const gathered = {
    type: 'gathered' as const,
    groups: prepared.groups.length,
    requests,
    files: prepared.groups.reduce((n, g) => n + g.paths.length, 0),
    inputTokens: prepared.groups.reduce((n, g) => n + g.contextTokens * input.experts.length, 0),
  };
  input.onProgress?.(gathered);
  await input.beforeCreate?.(gathered);
}

async function runInteractive(input: SweepInput, key: Pick<SweepState, 'key' | 'scope'>): Promise<SweepOutcome> {
  const { requestsToSend, systems, ...prepared } = await prepare(input, key);
  await announce(input, prepared, requestsToSend.length);
  const items = await sweepInteractively(
    {
      client: input.client,
      experts: input.experts,
      settings: input.settings,
      ...(input.signal && { signal: input.signal }),
      onGroupDone: (done, total) => input.onProgress?.({ type: 'answered', done, total }),
    },
    prepared,
    systems,
  );
  return mergeSweep({ ...prepared, createdAt: new Date().toISOString() }, items, false);
}

/** Places each answer against its group's files and merges everything into one report. */
export function mergeSweep(state: SweepState, items: readonly BatchItemResult[], resumed: boolean): SweepOutcome {
  const perGroup = state.groups.map(() => [] as BatchItemResult[]);
  const results: ExpertResult[] = [];
  for (const item of items) {
    const at = state.requests[item.customId];
    const group = at && state.groups[at.group];
    const expert = at && state.experts[at.expert];
    if (!at || !group || !expert) continue;
    perGroup[at.group]!.push(item);
    const parsed =
      item.status === 'succeeded'
        ? parseExpertFindings(item.text, { expertName: expert.name, knownFiles: group.files })
        : undefined;
    const error = item.error ?? parsed?.error;
    results.push({
      expertId: expert.id,
      expertName: state.groups.length > 1 ? `${expert.name} (group ${at.group + 1})` : expert.name,
      summary: parsed?.summary ?? '',
      findings: (parsed?.findings ?? []).map((f) => ({ ...f, experts: [expert.name] })),
      rawText: item.text,
      dropped: parsed?.dropped ?? [],
      ...(error && { error }),
    });
  }
  const merged = fallbackMerge(results.filter((r) => !r.error));
  const groups = state.groups.map((g, i) => ({
    paths: g.paths,
    contextTokens: g.contextTokens,
    usage: sumUsage(perGroup[i]!.map((r) => r.usage)),
    cost: addCosts(perGroup[i]!.map((r) => r.cost)),
  }));
  return {
    batchId: state.batchId,
    key: state.key,
    title: state.title,
    resumed,
    experts: state.experts,
    results,
    merged,
    groups,
    leftOut: state.leftOut,
    ...(state.rules && { rules: state.rules }),
    usage: sumUsage(items.map((r) => r.usage)),
    cost: addCosts(items.map((r) => r.cost)),
    unanswered: items.filter((r) => r.status !== 'succeeded').length,
  };
}
