// Flattens a request into its ordered prompt blocks (tools, then system, then messages), the unit
// that token counting and prompt caching work on.
import { countTokens } from './tokens';
import type { JsonObject, SimRequest } from './types';

export type CacheTtl = '5m' | '1h';

export interface PromptBlock {
  section: 'tools' | 'system' | 'messages';
  /** Canonical JSON of the block (sorted keys, cache_control removed) plus its section and role. */
  canonical: string;
  tokens: number;
  /** Set when the block carries cache_control (a breakpoint). */
  breakpoint?: { ttl: CacheTtl };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys and every `cache_control` field removed. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(strip(value));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    if (key !== 'cache_control') out[key] = strip(value[key]);
  }
  return out;
}

/** The text a block is counted by: its text for text blocks and strings, else its canonical JSON. */
function countedText(block: unknown): string {
  if (typeof block === 'string') return block;
  if (isObject(block) && block['type'] === 'text' && typeof block['text'] === 'string') return block['text'];
  return canonicalJson(block);
}

function breakpointOf(block: unknown): PromptBlock['breakpoint'] {
  if (!isObject(block)) return undefined;
  const cc = block['cache_control'];
  if (!isObject(cc)) return undefined;
  return { ttl: cc['ttl'] === '1h' ? '1h' : '5m' };
}

function makeBlock(section: PromptBlock['section'], role: string, block: unknown): PromptBlock {
  const b: PromptBlock = {
    section,
    canonical: `${section}:${role}:${canonicalJson(block)}`,
    tokens: countTokens(countedText(block)),
  };
  const bp = breakpointOf(block);
  if (bp) b.breakpoint = bp;
  return b;
}

/**
 * The request's prompt blocks in cache-prefix order: each tool, each system block (a string system
 * is one block without cache_control), then each message's content blocks (a string content is one
 * block). A top-level `cache_control` on the request (automatic caching) marks the last block.
 */
export function flattenPrompt(req: Pick<SimRequest, 'tools' | 'system' | 'messages' | 'body'>): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  for (const tool of req.tools ?? []) blocks.push(makeBlock('tools', '', tool));
  if (typeof req.system === 'string') {
    if (req.system !== '') blocks.push(makeBlock('system', '', req.system));
  } else if (Array.isArray(req.system)) {
    for (const block of req.system) blocks.push(makeBlock('system', '', block));
  }
  for (const message of req.messages) {
    if (!isObject(message)) continue;
    const role = String(message['role']);
    const content = message['content'];
    if (Array.isArray(content)) {
      for (const block of content) blocks.push(makeBlock('messages', role, block));
    } else {
      blocks.push(makeBlock('messages', role, content));
    }
  }
  const auto = req.body['cache_control'];
  const last = blocks[blocks.length - 1];
  if (isObject(auto) && last && !last.breakpoint) last.breakpoint = { ttl: auto['ttl'] === '1h' ? '1h' : '5m' };
  return blocks;
}

/** Total input tokens of a request: the sum of its blocks' tokens. */
export function promptTokens(blocks: PromptBlock[]): number {
  return blocks.reduce((sum, b) => sum + b.tokens, 0);
}

/** The text of the last user message (its text blocks joined), or ''. */
export function lastUserText(req: Pick<SimRequest, 'messages'>): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (!isObject(m) || m['role'] !== 'user') continue;
    const content = m['content'];
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      return content
        .map((b) => (isObject(b) && typeof b['text'] === 'string' ? b['text'] : ''))
        .filter((t) => t !== '')
        .join('\n');
    }
    return '';
  }
  return '';
}
