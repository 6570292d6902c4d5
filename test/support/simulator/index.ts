// A local Anthropic Messages API simulator for tests and benchmarks: real HTTP + server-sent events on
// 127.0.0.1, prompt caching with the documented availability rule, pacing, and injectable faults.
// See README.md in this folder.
import { SimulatorServer } from './server';
import type { Simulator, SimulatorOptions } from './types';

/** Starts a simulator listening on 127.0.0.1 (a free port unless options.port is given). */
export async function startSimulator(options?: SimulatorOptions): Promise<Simulator> {
  const sim = new SimulatorServer(options);
  await sim.listen();
  return sim;
}

export type {
  Simulator,
  DropFault,
  Fault,
  HangFault,
  JsonObject,
  MalformedFault,
  MidStreamErrorFault,
  RequestLogEntry,
  Responder,
  SimRequest,
  SimulatorOptions,
  SimTimers,
  SlowFault,
  StallFault,
  StatusFault,
  Usage,
} from './types';
export { countTokens, minCacheableTokens } from './tokens';
export { flattenPrompt, promptTokens, lastUserText } from './prompt';
export { LOOKBACK_BLOCKS, MAX_BREAKPOINTS, TTL_MS } from './cache';
export { DEFAULT_MODELS } from './models';
export type { HoldOptions } from './gate';
export { defaultReplyText } from './responder';
export { sampleFromSchema } from './schema-sample';
export { latestToolResults, turnNumber, type SimToolUse } from './toolUse';
