// One turn of a plain conversation that the editor's chat holds (our models in its model picker):
// the editor sends the whole history each time, so this only shapes it for the Messages API and
// streams the reply through the core (caching, retries, cost).
import type Anthropic from '@anthropic-ai/sdk';
import { ConversationThread, type ClientConfig, type Logger, type MessageParam, type PriceTable, type ThreadReply } from '../core';

export interface PlainMessage {
  role: 'user' | 'assistant';
  text: string;
}

/**
 * The Messages API wants turns that alternate and start and end with the user: merges neighbours
 * of one role, drops empty turns and replies before the first question. Undefined when there is no
 * question to answer.
 */
export function toAlternatingTurns(messages: readonly PlainMessage[]): { history: MessageParam[]; question: string } | undefined {
  const turns: PlainMessage[] = [];
  for (const m of messages) {
    if (!m.text.trim()) continue;
    if (!turns.length && m.role === 'assistant') continue;
    const last = turns.at(-1);
    if (last?.role === m.role) last.text += `\n\n${m.text}`;
    else turns.push({ ...m });
  }
  const question = turns.at(-1);
  if (question?.role !== 'user') return undefined;
  return { history: turns.slice(0, -1).map((t) => ({ role: t.role, content: t.text })), question: question.text };
}

export interface PlainTurnInput {
  client: Anthropic | ClientConfig;
  model: string;
  maxTokens: number;
  messages: readonly PlainMessage[];
  maxHistoryTokens?: number;
  prices?: PriceTable;
  logger?: Logger;
  signal?: AbortSignal;
  onText: (text: string) => void;
}

/** Streams the reply to the last user message; the history before it is cached as a prefix. */
export async function runPlainTurn(input: PlainTurnInput): Promise<ThreadReply> {
  const turns = toAlternatingTurns(input.messages);
  if (!turns) throw new Error('There is no question to answer: the last message must come from the user.');
  const thread = new ConversationThread({
    client: input.client,
    model: input.model,
    maxTokens: input.maxTokens,
    messages: turns.history,
    ...(input.maxHistoryTokens && { maxHistoryTokens: input.maxHistoryTokens }),
    ...(input.prices && { prices: input.prices }),
    ...(input.logger && { logger: input.logger }),
  });
  return thread.send(turns.question, {
    ...(input.signal && { signal: input.signal }),
    onEvent: (event) => {
      if (event.type === 'text') input.onText(event.text);
    },
  });
}
