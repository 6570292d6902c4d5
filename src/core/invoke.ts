import { planCache } from './cache';
import { resolveClient } from './client';
import { DEFAULT_MODEL } from './models';
import { requestParams } from './params';
import { runRequest } from './request';
import type { ClaudeResult, InvokeOptions, MessageParam, PromptInput } from './types';

/** The seed's `messages` overrides the prompt; otherwise the prompt is the single user turn. */
export const toMessages = (prompt: PromptInput, messages?: MessageParam[]): MessageParam[] =>
  messages?.length ? messages : [{ role: 'user', content: prompt }];

/**
 * One call. Resolves with the reply (its text, usage and cost); an interrupted call resolves with
 * what arrived, `status: 'interrupted'`. Rejects with ClaudeInvocationError on failure.
 */
export async function invokeClaude(prompt: PromptInput, options: InvokeOptions = {}): Promise<ClaudeResult> {
  const client = resolveClient(options.client);
  const model = options.model ?? DEFAULT_MODEL;
  const plan = planCache(
    {
      model,
      messages: toMessages(prompt, options.messages),
      cacheLastMessage: options.cachePrompt ?? false,
      cacheSystem: options.cacheSystem ?? false,
      ...(options.cacheTtl && { ttl: options.cacheTtl }),
      ...(options.system !== undefined && { system: options.system }),
    },
    options.logger,
  );
  return runRequest(client, requestParams(model, plan, options), options);
}

/** As invokeClaude, calling `callback` with each text chunk as it arrives. */
export function invokeClaudeStreaming(
  prompt: PromptInput,
  callback?: (chunk: string) => void,
  options: InvokeOptions = {},
): Promise<ClaudeResult> {
  if (!callback) return invokeClaude(prompt, options);
  const outer = options.onEvent;
  return invokeClaude(prompt, {
    ...options,
    onEvent: (event) => {
      if (event.type === 'text') callback(event.text);
      outer?.(event);
    },
  });
}
