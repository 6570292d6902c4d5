// The subtasks of a delegation as tool-using sub-agents: each reads the workspace through the content
// policy and proposes edits, which are collected (never written) and labelled with their subtask. What
// an agent gathered before it stopped (a limit, the user's stop button) is kept and says so.
import {
  invokeParallelAgents,
  type AgentEndReason,
  type AgentResult,
  type ParallelAgentOptions,
  type RequestEvent,
} from '../core';
import { agentSubtaskPrompt, AGENT_ROLE } from './prompts';
import type { Subtask } from './subtask';
import { ProposalCollector, workspaceTools, type AgentWorkspace, type EditProposal } from './tools';

export type ToolStepEvent = Extract<RequestEvent, { type: 'toolCall' | 'toolResult' }>;

export interface AgentLimits {
  /** Model turns per sub-agent (default 12). */
  maxTurns?: number;
  /** Tokens per sub-agent, input however billed plus output (default 300 000). */
  tokenBudget?: number;
}

export const DEFAULT_AGENT_LIMITS = { maxTurns: 12, tokenBudget: 300_000 } as const;

/** Why an agent's work is partial, in words for its label; undefined when it finished. */
export function partialNote(endReason: AgentEndReason): string | undefined {
  switch (endReason) {
    case 'turnLimit':
      return 'stopped at the turn limit';
    case 'tokenBudget':
      return 'stopped at the token budget';
    case 'interrupted':
      return 'stopped';
    case 'failed':
      return 'failed';
    default:
      return undefined;
  }
}

export interface AgentRunInput {
  task: string;
  subtasks: readonly Subtask[];
  workspace: AgentWorkspace;
  limits?: AgentLimits;
  /** Per subtask: stops that agent only. */
  stopSignals?: ReadonlyArray<AbortSignal | undefined>;
  onStep?(index: number, step: ToolStepEvent): void;
  onProposal?(index: number, proposal: EditProposal): void;
}

export interface AgentRunOutput {
  results: AgentResult[];
  proposals: EditProposal[][];
}

/** Runs every subtask as a sub-agent; `fanOut` carries the run-wide options (client, model, cache, events). */
export async function runSubtaskAgents(input: AgentRunInput, fanOut: ParallelAgentOptions): Promise<AgentRunOutput> {
  const collectors = input.subtasks.map((_, i) => new ProposalCollector((p) => input.onProposal?.(i, p)));
  const limits = { ...DEFAULT_AGENT_LIMITS, ...input.limits };
  const results = await invokeParallelAgents(
    input.subtasks.map((s, i) => {
      const stop = input.stopSignals?.[i];
      return {
        prompt: agentSubtaskPrompt(input.task, s, i, input.subtasks.length),
        system: AGENT_ROLE,
        tools: workspaceTools(input.workspace, collectors[i]!),
        maxTurns: limits.maxTurns,
        tokenBudget: limits.tokenBudget,
        ...(stop && { signal: stop }),
      };
    }),
    {
      ...fanOut,
      onEvent: (event) => {
        if (event.type === 'toolCall' || event.type === 'toolResult') input.onStep?.(event.index, event);
        fanOut.onEvent?.(event);
      },
    },
  );
  return { results, proposals: collectors.map((c) => c.proposals) };
}
