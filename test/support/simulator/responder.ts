// Decides the reply text: the configured responder first, then the default (a JSON sample for
// json_schema output, else a deterministic echo padded to `outputTokens`), truncated to max_tokens.
import { lastUserText } from './prompt';
import { sampleFromSchema } from './schema-sample';
import { CHARS_PER_TOKEN, countTokens } from './tokens';
import { toolUseBlocks, toolUseTokens, type ToolUseBlock } from './toolUse';
import type { Responder, SimRequest } from './types';

const FILLER =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(
    ' ',
  );

export interface Reply {
  text: string;
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use';
  outputTokens: number;
  /** Tool calls after the text (stop reason `tool_use`). */
  toolUses?: ToolUseBlock[];
}

/** Cuts `text` to at most `maxChars` without splitting a surrogate pair. */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Splits text into pieces of about `tokensPerChunk` tokens. */
export function chunkText(text: string, tokensPerChunk: number): string[] {
  const size = Math.max(1, Math.floor(tokensPerChunk)) * CHARS_PER_TOKEN;
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let piece = cutText(rest, size);
    if (piece.length === 0) piece = rest.slice(0, 2); // a lone surrogate pair at a boundary
    chunks.push(piece);
    rest = rest.slice(piece.length);
  }
  return chunks;
}

/** The default reply: JSON valid against output_config.format.schema, or a padded echo. */
export function defaultReplyText(req: SimRequest, outputTokens: number): string {
  const format = req.output_config?.format;
  if (format && format.type === 'json_schema') return JSON.stringify(sampleFromSchema(format.schema));
  const quoted = lastUserText(req).replace(/\s+/g, ' ').trim().slice(0, 80);
  let text = `Simulated reply (model ${req.model}) to: "${quoted}". `;
  const targetChars = Math.max(0, outputTokens) * CHARS_PER_TOKEN;
  for (let i = 0; text.length < targetChars; i++) text += `${FILLER[i % FILLER.length]} `;
  return cutText(text, targetChars);
}

export function decideReply(req: SimRequest, responder: Responder | undefined, outputTokens: number): Reply {
  const custom = responder?.(req);
  const full =
    custom === undefined ? defaultReplyText(req, outputTokens) : typeof custom === 'string' ? custom : custom.text;
  const text = cutText(full, req.max_tokens * CHARS_PER_TOKEN);
  const uses = typeof custom === 'object' ? toolUseBlocks(custom.toolUses) : [];
  if (uses.length > 0 && text.length === full.length)
    return { text, stopReason: 'tool_use', outputTokens: countTokens(text) + toolUseTokens(uses), toolUses: uses };
  return { text, stopReason: text.length < full.length ? 'max_tokens' : 'end_turn', outputTokens: countTokens(text) };
}
