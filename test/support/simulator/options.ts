// Defaults for SimulatorOptions.
import { DEFAULT_MODELS } from './models';
import type { ResolvedOptions, SimTimers, SimulatorOptions } from './types';

/** performance.now() and the global timers. */
export const REAL_TIMERS: SimTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    apiKey: options.apiKey,
    knownModels: options.knownModels ?? [...DEFAULT_MODELS],
    timeToFirstTokenMs: options.timeToFirstTokenMs ?? 20,
    tokensPerSecond: options.tokensPerSecond ?? 2000,
    tokensPerChunk: options.tokensPerChunk ?? 4,
    pingIntervalMs: options.pingIntervalMs ?? 500,
    outputTokens: options.outputTokens ?? 60,
    maxRequestBytes: options.maxRequestBytes ?? 8 * 1024 * 1024,
    responder: options.responder,
    now: options.now ?? Date.now,
    control: options.control ?? false,
    cloud: options.cloud ?? {},
    timers: options.timers ?? REAL_TIMERS,
  };
}
