// One model turn whose tool calls the caller runs itself (the editor's chat holds the tool loop and the
// tools): one streamed request with retries, as runAgent's turns are, without runAgent's loop. The calls come back unexecuted, each
// reported as a `toolCall` event (turn 1) once its input is complete.
import { planCache } from './cache';
import { resolveClient } from './client';
import { neverThrowing, type ToolCall } from './events';
import { DEFAULT_MODEL } from './models';
import { requestParams, type ToolDefinition } from './params';
import { makeResult, streamWithRetries } from './request';
import type { ClaudeResult, InvokeOptions, MessageParam } from './types';

export interface ToolTurnOptions extends Omit<InvokeOptions, 'messages' | 'cachePrompt' | 'outputFormat'> {
  /** The conversation so far, ending with the user's turn; its newest turn is marked for caching. */
  messages: MessageParam[];
  tools: readonly ToolDefinition[];
  /** `any`: the model must call one of the tools. */
  toolChoice?: 'auto' | 'any';
}

export interface ToolTurnResult extends ClaudeResult {
  /** The calls the reply ended with (stop reason `tool_use`), in order; none when interrupted. */
  toolCalls: ToolCall[];
}

/**
 * Streams one reply. Resolves with its text, tool calls, usage and cost; an interrupted turn resolves
 * with what arrived. Rejects with ClaudeInvocationError on failure, as invokeClaude does.
 */
export async function invokeToolTurn(options: ToolTurnOptions): Promise<ToolTurnResult> {
  const client = resolveClient(options.client);
  const model = options.model ?? DEFAULT_MODEL;
  const startedAt = performance.now();
  const plan = planCache(
    {
      model,
      messages: options.messages,
      cacheLastMessage: true,
      cacheSystem: options.cacheSystem ?? false,
      ...(options.cacheTtl && { ttl: options.cacheTtl }),
      ...(options.system !== undefined && { system: options.system }),
    },
    options.logger,
  );
  const turn = await streamWithRetries(client, requestParams(model, plan, options), options);
  const emit = neverThrowing(options.onEvent, options.logger);
  for (const call of turn.toolCalls) emit({ type: 'toolCall', turn: 1, call });
  const status = turn.interrupted ? 'interrupted' : 'completed';
  const result = makeResult(
    { text: turn.text, status, stopReason: turn.stopReason, model: turn.model, usage: turn.usage, startedAt },
    options,
  );
  return { ...result, toolCalls: turn.toolCalls, toString: () => turn.text };
}
