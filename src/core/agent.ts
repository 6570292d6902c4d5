// A sub-agent: one tool loop over the Messages API's client-side tool use. Each turn streams the model's
// reply; when it stops for `tool_use`, the loop runs the tools and sends their results as the next user
// turn, until the model answers without tools, the turn limit or the token budget is reached, or it is
// interrupted. The shared context block keeps its cache breakpoint, and a second one moves onto the newest
// turn, so every turn reads the whole conversation so far from the cache.
import type Anthropic from '@anthropic-ai/sdk';
import { toolDefinition, ToolError, type AgentTool } from './agentTool';
import { planCache } from './cache';
import { resolveClient } from './client';
import { toInvocationError, type ClaudeInvocationError } from './errors';
import { neverThrowing, type RequestListener, type ToolCall } from './events';
import { DEFAULT_MODEL } from './models';
import { requestParams } from './params';
import { makeResult, streamWithRetries } from './request';
import type { ClaudeResult, InvokeOptions, MessageParam, PromptInput, SystemInput } from './types';
import { addUsage, emptyUsage, totalInputTokens, type Usage } from './usage';

export const DEFAULT_MAX_TURNS = 8;
export const DEFAULT_AGENT_TOKEN_BUDGET = 200_000;

/** Why the loop ended. */
export type AgentEndReason = 'answered' | 'turnLimit' | 'tokenBudget' | 'interrupted' | 'failed';

export interface AgentOptions extends Omit<InvokeOptions, 'messages' | 'cachePrompt' | 'outputFormat'> {
  tools: readonly AgentTool[];
  /** Context common to several agents, sent first and cached (as invokeParallel's sharedSystem). */
  sharedSystem?: SystemInput;
  cacheSharedSystem?: boolean;
  /** Model turns at most (default 8). */
  maxTurns?: number;
  /** Tokens this agent may process in all, input (however billed) plus output (default 200 000). */
  tokenBudget?: number;
}

export interface ToolCallRecord {
  turn: number;
  call: ToolCall;
  isError: boolean;
  content: string;
}

export interface AgentResult extends ClaudeResult {
  endReason: AgentEndReason;
  turns: number;
  toolCalls: ToolCallRecord[];
  /** The conversation as sent, for a caller that wants to continue it. */
  messages: MessageParam[];
}

/** Between the texts of two turns: without it "…read it first.Proposing…" runs together. */
export const TURN_BREAK = '\n\n';

const joinTurns = (before: string, turn: string): string =>
  before && turn ? `${before}${TURN_BREAK}${turn}` : before + turn;

/** Tokens a usage counts against the budget. */
const processed = (u: Usage): number => totalInputTokens(u) + u.outputTokens;

/** Runs the loop. Never rejects for API failures or interruption: see `status` and `endReason`. */
export async function runAgent(prompt: PromptInput, options: AgentOptions): Promise<AgentResult> {
  const client = resolveClient(options.client);
  const model = options.model ?? DEFAULT_MODEL;
  const signal = options.signal ?? new AbortController().signal;
  const maxTurns = Math.max(1, options.maxTurns ?? DEFAULT_MAX_TURNS);
  const budget = options.tokenBudget ?? DEFAULT_AGENT_TOKEN_BUDGET;
  const tools = new Map(options.tools.map((t) => [t.name, t]));
  const definitions = options.tools.map(toolDefinition);
  const startedAt = performance.now();
  const messages: MessageParam[] = [{ role: 'user', content: prompt }];
  const calls: ToolCallRecord[] = [];
  const emitAll: RequestListener = neverThrowing(options.onEvent, options.logger);
  // The streamed text gets the same break between turns as the result's text.
  let spokeBefore = false;
  let spokeThisTurn = false;
  const emit: RequestListener = (event) => {
    if (event.type === 'text' && event.text) {
      if (spokeBefore && !spokeThisTurn) emitAll({ type: 'text', text: TURN_BREAK });
      spokeThisTurn = true;
    }
    emitAll(event);
  };

  let usage = emptyUsage();
  let text = '';
  let stopReason: string | null = null;
  let turns = 0;
  let error: ClaudeInvocationError | undefined;
  let endReason: AgentEndReason = 'answered';

  while (true) {
    if (signal.aborted) {
      endReason = 'interrupted';
      break;
    }
    if (turns >= maxTurns) {
      endReason = 'turnLimit';
      break;
    }
    if (processed(usage) >= budget) {
      endReason = 'tokenBudget';
      break;
    }
    turns++;
    spokeBefore ||= spokeThisTurn;
    spokeThisTurn = false;
    const plan = planCache(
      {
        model,
        messages,
        cacheSharedSystem: options.cacheSharedSystem ?? false,
        cacheSystem: options.cacheSystem ?? false,
        cacheLastMessage: true,
        ...(options.sharedSystem !== undefined && { sharedSystem: options.sharedSystem }),
        ...(options.system !== undefined && { system: options.system }),
      },
      options.logger,
    );
    const params = requestParams(model, plan, { ...options, tools: definitions });
    let turn;
    try {
      turn = await streamWithRetries(client, params, { ...options, signal, onEvent: emit });
    } catch (caught) {
      error = toInvocationError(caught);
      // A failed turn was still billed: what the API reported for every attempt, and the cut reply's estimate.
      usage = addUsage(usage, error.usage ?? emptyUsage());
      text = joinTurns(text, error.partialText);
      endReason = 'failed';
      break;
    }
    usage = addUsage(usage, turn.usage);
    text = joinTurns(text, turn.text);
    stopReason = turn.stopReason;
    if (turn.interrupted) {
      endReason = 'interrupted';
      break;
    }
    messages.push({ role: 'assistant', content: turn.content });
    if (turn.stopReason !== 'tool_use' || turn.toolCalls.length === 0) break;

    const results = await Promise.all(turn.toolCalls.map((call) => runTool(tools, call, turns, signal, emit)));
    calls.push(...results);
    // Tool results always answer the calls, even when interrupted meanwhile, so the history stays valid.
    messages.push({
      role: 'user',
      content: results.map((r): Anthropic.ToolResultBlockParam => ({
        type: 'tool_result',
        tool_use_id: r.call.id,
        content: r.content,
        ...(r.isError && { is_error: true }),
      })),
    });
  }

  const status = endReason === 'failed' ? 'failed' : endReason === 'interrupted' ? 'interrupted' : 'completed';
  const base = makeResult({ text, status, stopReason, model, usage, startedAt, ...(error && { error }) }, options);
  return { ...base, endReason, turns, toolCalls: calls, messages, toString: () => text };
}

async function runTool(
  tools: Map<string, AgentTool>,
  call: ToolCall,
  turn: number,
  signal: AbortSignal,
  emit: RequestListener,
): Promise<ToolCallRecord> {
  emit({ type: 'toolCall', turn, call });
  const tool = tools.get(call.name);
  let content: string;
  let isError = false;
  if (!tool) {
    content = `Unknown tool "${call.name}". The tools you can use are: ${[...tools.keys()].join(', ')}.`;
    isError = true;
  } else {
    try {
      content = await tool.run(call.input, signal);
    } catch (err) {
      isError = true;
      content =
        err instanceof ToolError ? err.message : `The tool failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  emit({ type: 'toolResult', turn, call, isError, content });
  return { turn, call, isError, content };
}
