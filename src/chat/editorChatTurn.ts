// One turn of a conversation that the editor's chat holds (our models in its model picker): the
// editor sends the whole history each time, with the tools it offers (agent mode), so this only
// shapes it for the Messages API and streams the reply through the core's tool turn (caching, retries,
// cost). The editor runs the tools the model calls and sends their results in the next turn.
import type Anthropic from '@anthropic-ai/sdk';
import {
  invokeToolTurn,
  type ClientConfig,
  type ContentBlockParam,
  type Logger,
  type MessageParam,
  type PriceTable,
  type ToolTurnResult,
} from '../core';

/** A part of a chat message: text, a tool call the model made, or what a tool returned. */
export type TurnPart =
  | { type: 'text'; text: string }
  | { type: 'toolCall'; id: string; name: string; input: unknown }
  | { type: 'toolResult'; callId: string; text: string; isError?: boolean };

export interface TurnMessage {
  role: 'user' | 'assistant';
  parts: TurnPart[];
}

/** A tool the editor offers for this turn. */
export interface TurnTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/** The Messages API allows [a-zA-Z0-9_-]{1,64} as a tool name. */
export const apiToolName = (name: string): string => name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool';

function toBlock(part: TurnPart): ContentBlockParam | undefined {
  switch (part.type) {
    case 'text':
      return part.text.trim() ? { type: 'text', text: part.text } : undefined;
    case 'toolCall':
      return { type: 'tool_use', id: part.id, name: apiToolName(part.name), input: part.input ?? {} };
    case 'toolResult':
      return {
        type: 'tool_result',
        tool_use_id: part.callId,
        content: part.text || '(no output)',
        ...(part.isError && { is_error: true }),
      };
  }
}

/**
 * The Messages API wants turns that alternate and start and end with the user: merges neighbours
 * of one role, drops empty turns and replies before the first question, and puts tool results
 * first in their turn. Undefined when there is nothing to answer.
 */
export function toApiMessages(messages: readonly TurnMessage[]): MessageParam[] | undefined {
  const turns: Array<{ role: 'user' | 'assistant'; blocks: ContentBlockParam[] }> = [];
  for (const m of messages) {
    const blocks = m.parts.map(toBlock).filter((b): b is ContentBlockParam => b !== undefined);
    if (!blocks.length) continue;
    if (!turns.length && m.role === 'assistant') continue;
    const last = turns.at(-1);
    if (last?.role === m.role) last.blocks.push(...blocks);
    else turns.push({ role: m.role, blocks });
  }
  if (turns.at(-1)?.role !== 'user') return undefined;
  return turns.map((t) => ({
    role: t.role,
    content:
      t.role === 'user'
        ? [...t.blocks.filter((b) => b.type === 'tool_result'), ...t.blocks.filter((b) => b.type !== 'tool_result')]
        : t.blocks,
  }));
}

export interface TurnInput {
  client: Anthropic | ClientConfig;
  model: string;
  maxTokens: number;
  messages: readonly TurnMessage[];
  tools?: readonly TurnTool[];
  /** The model must call one of the tools. */
  toolRequired?: boolean;
  prices?: PriceTable;
  logger?: Logger;
  signal?: AbortSignal;
  onText: (text: string) => void;
  /** A tool call, with the editor's name for the tool. */
  onToolCall?: (call: { id: string; name: string; input: unknown }) => void;
}

/** Streams the reply to the last user turn; the whole conversation is cached as a prefix for the next turn. */
export async function runTurn(input: TurnInput): Promise<ToolTurnResult> {
  const messages = toApiMessages(input.messages);
  if (!messages) throw new Error('There is no question to answer: the last message must come from the user.');
  const byApiName = new Map((input.tools ?? []).map((t) => [apiToolName(t.name), t.name]));
  const tools = (input.tools ?? []).map((t) => ({
    name: apiToolName(t.name),
    description: t.description,
    input_schema: { type: 'object', properties: {}, ...t.inputSchema },
  }));
  return invokeToolTurn({
    client: input.client,
    model: input.model,
    maxTokens: input.maxTokens,
    messages,
    tools,
    ...(input.toolRequired && { toolChoice: 'any' as const }),
    ...(input.prices && { prices: input.prices }),
    ...(input.logger && { logger: input.logger }),
    ...(input.signal && { signal: input.signal }),
    onEvent: (event) => {
      if (event.type === 'text') input.onText(event.text);
      else if (event.type === 'toolCall')
        input.onToolCall?.({
          id: event.call.id,
          name: byApiName.get(event.call.name) ?? event.call.name,
          input: event.call.input,
        });
    },
  });
}
