import Anthropic from '@anthropic-ai/sdk';
import type { Simulator } from '../../support/simulator/index';

export const KEY = 'test-key';

export function sdk(sim: Simulator, extra: { maxRetries?: number; timeout?: number; apiKey?: string } = {}): Anthropic {
  return new Anthropic({
    apiKey: extra.apiKey ?? KEY,
    baseURL: sim.url,
    maxRetries: extra.maxRetries ?? 0,
    ...(extra.timeout ? { timeout: extra.timeout } : {}),
  });
}

/** A text of exactly `tokens` tokens under the simulator's ceil(chars/4) rule. */
export const textOfTokens = (tokens: number, seed = 'ctx'): string => {
  let s = '';
  for (let i = 0; s.length < tokens * 4; i++) s += `${seed}${i} `;
  return s.slice(0, tokens * 4);
};

/** Captures the error a promise rejects with (fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** Raw SSE events (name + parsed data) read with fetch, pings included. */
export async function rawEvents(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ res: Response; events: Array<{ event: string; data: unknown }> }> {
  const res = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const events = text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? '';
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '';
      return { event, data: JSON.parse(data) as unknown };
    });
  return { res, events };
}
