// Client-side tool use, as the Messages API does it: a responder may answer with tool calls, which are
// streamed as `tool_use` content blocks (`content_block_start` with empty input, then the input JSON in
// `input_json_delta` pieces) and end the message with `stop_reason: 'tool_use'`. The next request must
// answer every call with a `tool_result` block in its user turn, or it is refused with a 400 like the API's.
import type { ServerResponse } from 'node:http';
import { isObject } from './prompt';
import { writeEvent } from './sse';
import { countTokens } from './tokens';

/** A tool call a responder asks for; the id is generated when left out. */
export interface SimToolUse {
  id?: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

let counter = 0;

/** The content blocks of the calls, with ids. */
export function toolUseBlocks(uses: readonly SimToolUse[] | undefined): ToolUseBlock[] {
  return (uses ?? []).map((u) => ({
    type: 'tool_use',
    id: u.id ?? `toolu_sim_${(++counter).toString(36).padStart(6, '0')}`,
    name: u.name,
    input: u.input,
  }));
}

/** Output tokens the calls cost (their name and input JSON). */
export const toolUseTokens = (blocks: readonly ToolUseBlock[]): number =>
  blocks.reduce((n, b) => n + countTokens(b.name + JSON.stringify(b.input)), 0);

/** Streams the calls as content blocks from `firstIndex` on; the input JSON goes in pieces of about 16 characters. */
export function writeToolUseBlocks(res: ServerResponse, firstIndex: number, blocks: readonly ToolUseBlock[]): void {
  blocks.forEach((block, i) => {
    const index = firstIndex + i;
    writeEvent(res, 'content_block_start', {
      index,
      content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
    });
    const json = JSON.stringify(block.input);
    for (let at = 0; at < json.length; at += 16) {
      writeEvent(res, 'content_block_delta', {
        index,
        delta: { type: 'input_json_delta', partial_json: json.slice(at, at + 16) },
      });
    }
    writeEvent(res, 'content_block_stop', { index });
  });
}

/**
 * The API's rule: each `tool_use` in an assistant turn needs a `tool_result` with its id in the very next
 * user turn, and a `tool_result` must answer a call of the turn before. Returns the error message, if any.
 */
export function checkToolResults(messages: readonly unknown[]): string | undefined {
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m)) continue;
    const blocks = Array.isArray(m['content']) ? (m['content'] as unknown[]).filter(isObject) : [];
    if (m['role'] === 'assistant') {
      const ids = blocks.filter((b) => b['type'] === 'tool_use').map((b) => String(b['id']));
      if (ids.length === 0 || i === messages.length - 1) continue;
      const next = messages[i + 1];
      const answered = new Set(
        isObject(next) && Array.isArray(next['content'])
          ? (next['content'] as unknown[])
              .filter(isObject)
              .filter((b) => b['type'] === 'tool_result')
              .map((b) => String(b['tool_use_id']))
          : [],
      );
      const missing = ids.find((id) => !answered.has(id));
      if (missing)
        return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing}`;
    } else {
      const prev = messages[i - 1];
      const asked = new Set(
        isObject(prev) && Array.isArray(prev['content'])
          ? (prev['content'] as unknown[])
              .filter(isObject)
              .filter((b) => b['type'] === 'tool_use')
              .map((b) => String(b['id']))
          : [],
      );
      const stray = blocks.find((b) => b['type'] === 'tool_result' && !asked.has(String(b['tool_use_id'])));
      if (stray)
        return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(stray['tool_use_id'])}`;
    }
  }
  return undefined;
}

/** The tool results of the newest user turn, for responders that script a loop. */
export function latestToolResults(
  messages: readonly unknown[],
): Array<{ toolUseId: string; content: string; isError: boolean }> {
  const last = messages.at(-1);
  if (!isObject(last) || last['role'] !== 'user' || !Array.isArray(last['content'])) return [];
  return (last['content'] as unknown[])
    .filter(isObject)
    .filter((b) => b['type'] === 'tool_result')
    .map((b) => ({
      toolUseId: String(b['tool_use_id']),
      content: typeof b['content'] === 'string' ? b['content'] : JSON.stringify(b['content'] ?? ''),
      isError: b['is_error'] === true,
    }));
}

/** How many assistant turns came before: 0 on a conversation's first request. */
export const turnNumber = (messages: readonly unknown[]): number =>
  messages.filter((m) => isObject(m) && m['role'] === 'assistant').length;
