// Running a delegation: the approved subtasks in parallel (cache-aware fan-out over the shared code
// context), then one streamed integration call over the results that succeeded. Cancellable at every
// stage; whatever streamed is kept. Pure: no `vscode` import.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  emptyUsage,
  invokeParallel,
  MAX_WORKERS_LIMIT,
  sumUsage,
  type ClaudeResult,
  type ClientConfig,
  type CostReport,
  type FanOutStrategy,
  type Logger,
  type ParallelEvent,
  type ParallelPrompt,
  type PriceTable,
  type ResultStatus,
  type RetryPolicy,
  type Usage,
  type AgentResult,
} from '../core';
import { partialNote, runSubtaskAgents, type AgentLimits } from './agentSubtasks';
import { describeProposals, reconcile, type ChangeSet } from './changeSet';
import type { DelegationListener } from './events';
import { changeNotes, elapsed, integrate, summarise } from './integration';
import type { Subtask } from './plan';
import type { AgentWorkspace, EditProposal } from './tools';
import { subtaskPrompt, SUBTASK_ROLE, type CompletedPart, type MissingPart } from './prompts';

export interface SubtaskOutcome {
  index: number;
  subtask: Subtask;
  status: ResultStatus;
  /** True when it completed with text: its result goes to the integration. */
  succeeded: boolean;
  /** Everything that streamed (partial when interrupted or failed). */
  text: string;
  /** Why it did not succeed ("failed: …", "cancelled", "not started", "returned no text"). */
  reason?: string;
  /** The result was cut off at the output limit (still used). */
  truncated: boolean;
  usage: Usage;
  cost: CostReport;
  elapsedMs: number;
  /** Sub-agents only: the edits it proposed (kept when it stopped early). */
  proposals?: EditProposal[];
  /** Sub-agents only: tool calls made. */
  toolCalls?: number;
  /** Sub-agents only: why its work is partial ("stopped at the turn limit"), when it is. */
  partial?: string;
}

export type IntegrationStatus = 'completed' | 'interrupted' | 'failed' | 'skipped';

export interface IntegrationOutcome {
  status: IntegrationStatus;
  text: string;
  /** Why it was skipped or failed, or a limit it hit. */
  message?: string;
  /** Subtasks whose part is missing from the integration, with the reason given to the model. */
  missing: Array<{ title: string; reason: string }>;
  /** A single subtask's result was taken as the answer without an integration call. */
  passthrough?: boolean;
  usage: Usage;
  cost: CostReport;
  elapsedMs: number;
}

export interface DelegationResult {
  /** completed: an integrated answer exists; cancelled: the run was cancelled; failed: no answer. */
  status: 'completed' | 'cancelled' | 'failed';
  /** One sentence for the user. */
  message: string;
  subtasks: SubtaskOutcome[];
  integration: IntegrationOutcome;
  /** Totals over every call of the run (the planner is not included). */
  usage: Usage;
  cost: CostReport;
  /** Sub-agents only: every proposed edit, reconciled, labelled by subtask; nothing is written yet. */
  changeSet?: ChangeSet;
}

export interface RunDelegationInput {
  task: string;
  /** The secret-free code context (shared, cached system block); optional. */
  contextText?: string;
  subtasks: readonly Subtask[];
  client: Anthropic | ClientConfig;
  model: string;
  /** Concurrent requests, clamped to 1..10. */
  maxWorkers: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Everything the run reports while it runs, in order. */
  onEvent?: DelegationListener;
  strategy?: FanOutStrategy;
  logger?: Logger;
  prices?: PriceTable;
  retry?: Partial<RetryPolicy>;
  /**
   * With a workspace, each subtask runs as a sub-agent with the workspace tools (read through the content
   * policy, edits proposed, nothing written) and the result carries a change set.
   */
  workspace?: AgentWorkspace;
  agentLimits?: AgentLimits;
  /** Per subtask: stops that sub-agent only (its work so far is kept). */
  stopSignals?: ReadonlyArray<AbortSignal | undefined>;
}

function toOutcome(
  index: number,
  subtask: Subtask,
  result: ClaudeResult,
  agent?: { proposals: EditProposal[]; result: AgentResult },
): SubtaskOutcome {
  const text = result.text;
  const succeeded = (result.status === 'completed' && text.trim() !== '') || (agent?.proposals.length ?? 0) > 0;
  const outcome: SubtaskOutcome = {
    index,
    subtask,
    status: result.status,
    succeeded,
    text,
    truncated: result.status === 'completed' && result.stopReason === 'max_tokens',
    usage: result.usage,
    cost: result.cost,
    elapsedMs: elapsed(result),
  };
  if (agent) {
    outcome.proposals = [...agent.proposals];
    outcome.toolCalls = agent.result.toolCalls.length;
    const note = partialNote(agent.result.endReason);
    if (note && agent.result.status !== 'notStarted') outcome.partial = note;
  }
  if (!succeeded) {
    outcome.reason =
      result.status === 'failed'
        ? `failed: ${result.error?.message ?? 'unknown error'}`
        : result.status === 'interrupted'
          ? 'cancelled'
          : result.status === 'notStarted'
            ? 'cancelled before it started'
            : 'returned no text';
  }
  return outcome;
}

/**
 * Runs the subtasks in parallel with the context as the cached shared system block, streaming each
 * to `events`, then integrates the successful results in one streamed call whose prompt names the
 * subtasks that are missing. Never rejects for API failures or cancellation: see the result.
 */
export async function runDelegation(input: RunDelegationInput): Promise<DelegationResult> {
  const { subtasks, signal } = input;
  const emit: DelegationListener = input.onEvent ?? (() => undefined);
  const maxWorkers = Math.min(MAX_WORKERS_LIMIT, Math.max(1, Math.round(input.maxWorkers) || 1));
  const common = {
    client: input.client,
    model: input.model,
    ...(input.maxTokens !== undefined && { maxTokens: input.maxTokens }),
    ...(input.logger && { logger: input.logger }),
    ...(input.prices && { prices: input.prices }),
    ...(input.retry && { retry: input.retry }),
  };

  // ── subtasks ──
  const outcomes = new Array<SubtaskOutcome>(subtasks.length);
  const onEvent = (
    event: ParallelEvent<ClaudeResult>,
    finish: (i: number, r: ClaudeResult) => SubtaskOutcome,
  ): void => {
    const index = event.index;
    if (event.type === 'text') emit({ type: 'subtaskText', index, text: event.text });
    else if (event.type === 'start') emit({ type: 'subtaskStart', index });
    else if (event.type === 'retry') emit({ type: 'subtaskRetry', index, notice: event.notice });
    else if (event.type === 'done') {
      const outcome = finish(index, event.result);
      outcomes[index] = outcome;
      emit({ type: 'subtaskDone', index, outcome });
    }
  };
  const fanOut = {
    ...common,
    maxWorkers,
    strategy: input.strategy ?? 'cacheAware',
    ...(input.contextText && { sharedSystem: input.contextText, cacheSharedSystem: true }),
    ...(signal && { signal }),
  } as const;
  let changeSet: ChangeSet | undefined;
  if (subtasks.length > 0 && input.workspace) {
    const proposals = subtasks.map((): EditProposal[] => []);
    const agentOutcome = (i: number, r: ClaudeResult) =>
      toOutcome(i, subtasks[i]!, r, { proposals: proposals[i]!, result: r as AgentResult });
    const run = await runSubtaskAgents(
      {
        task: input.task,
        subtasks,
        workspace: input.workspace,
        ...(input.agentLimits && { limits: input.agentLimits }),
        ...(input.stopSignals && { stopSignals: input.stopSignals }),
        onStep: (index, step) => emit({ type: 'subtaskStep', index, step }),
        onProposal: (index, proposal) => {
          proposals[index]!.push(proposal);
          emit({ type: 'subtaskProposal', index, proposal });
        },
      },
      { ...fanOut, onEvent: (event) => onEvent(event, agentOutcome) },
    );
    run.results.forEach((r, i) => (outcomes[i] ??= agentOutcome(i, r)));
    changeSet = reconcile(
      outcomes.map((o) => ({
        subtaskIndex: o.index,
        label: o.partial ? `${o.subtask.title} (${o.partial})` : o.subtask.title,
        proposals: o.proposals ?? [],
      })),
    );
  } else if (subtasks.length > 0) {
    const prompts: ParallelPrompt[] = subtasks.map((s, i) => ({
      prompt: subtaskPrompt(input.task, s, i, subtasks.length),
      system: SUBTASK_ROLE,
    }));
    const results = await invokeParallel(prompts, {
      ...fanOut,
      onEvent: (event) => onEvent(event, (i, r) => toOutcome(i, subtasks[i]!, r)),
    });
    results.forEach((r, i) => (outcomes[i] ??= toOutcome(i, subtasks[i]!, r)));
  }

  const partText = (o: SubtaskOutcome): string =>
    o.proposals
      ? `${o.partial ? `(This agent ${o.partial}; its work is partial.)\n\n` : ''}${o.text}\n\n${describeProposals(o.proposals)}`
      : o.text;
  const done: CompletedPart[] = outcomes
    .filter((o) => o.succeeded)
    .map((o) => ({ subtask: o.subtask, text: partText(o), truncated: o.truncated }));
  const missingParts: MissingPart[] = outcomes
    .filter((o) => !o.succeeded)
    .map((o) => ({ subtask: o.subtask, reason: o.reason ?? 'no result' }));
  const missing = missingParts.map((m) => ({ title: m.subtask.title, reason: m.reason }));

  // ── integration ──
  let integration: IntegrationOutcome;
  const skipped = (message: string): IntegrationOutcome => ({
    status: 'skipped',
    text: '',
    message,
    missing,
    usage: emptyUsage(),
    cost: addCosts([]),
    elapsedMs: 0,
  });
  if (signal?.aborted) {
    integration = skipped(
      subtasks.length === 0 || outcomes.every((o) => o.status === 'notStarted')
        ? 'Cancelled before any subtask started.'
        : "Cancelled before the integration step; the subtasks' partial results are kept.",
    );
  } else if (done.length === 0) {
    const why = missing.map((m) => `"${m.title}" ${m.reason}`).join('; ');
    integration = skipped(
      subtasks.length === 0
        ? 'There were no subtasks to run.'
        : `No subtask succeeded, so there is nothing to integrate${why ? ` (${why})` : ''}.`,
    );
  } else if (subtasks.length === 1) {
    const only = outcomes[0]!;
    integration = {
      status: 'completed',
      text: only.text,
      message: 'A single subtask: its result is the answer.',
      missing,
      passthrough: true,
      usage: emptyUsage(),
      cost: addCosts([]),
      elapsedMs: 0,
    };
    emit({ type: 'integrationStart' });
    emit({ type: 'integrationText', text: only.text });
  } else {
    emit({ type: 'integrationStart' });
    integration = await integrate(
      input,
      emit,
      done,
      missingParts,
      missing,
      common,
      changeSet && changeNotes(changeSet),
    );
  }
  emit({ type: 'integrationDone', outcome: integration });

  const usage = sumUsage([...outcomes.map((o) => o.usage), integration.usage]);
  const cost = addCosts([...outcomes.map((o) => o.cost), integration.cost]);
  const status: DelegationResult['status'] = signal?.aborted
    ? 'cancelled'
    : integration.status === 'completed'
      ? 'completed'
      : 'failed';
  const result: DelegationResult = {
    status,
    message: summarise(status, outcomes, integration),
    subtasks: outcomes,
    integration,
    usage,
    cost,
  };
  if (changeSet) result.changeSet = changeSet;
  return result;
}
