import { startSimulator, type Simulator, type SimulatorOptions } from '../../support/simulator';
import type { ClientConfig } from '../../../src/core';
import { fakeKey } from '../../support/fakeKeys';

export const API_KEY = fakeKey('test');

/** A large, deterministic block: well above every model's minimum cacheable length. */
export const bigContext = (label = 'ctx', lines = 400): string =>
  Array.from({ length: lines }, (_, i) => `${label} line ${i}: const value${i} = compute(${i}) + offset;`).join('\n');

export async function withSimulator(options: SimulatorOptions = {}): Promise<{ sim: Simulator; client: ClientConfig }> {
  const sim = await startSimulator({ apiKey: API_KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0, ...options });
  return { sim, client: { apiKey: API_KEY, baseURL: sim.url } };
}

export const fastRetry = { baseDelayMs: 5, maxDelayMs: 20 };

export const requestBodies = (sim: Simulator): Array<Record<string, unknown>> =>
  sim.log.map((e) => e.body as Record<string, unknown>);
