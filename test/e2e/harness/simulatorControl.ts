// Typed helpers for the API simulator's test-only control routes (`/_control/*`), which it serves when started
// with `--control on`:
//
//   const session = useWorkbench({ simulator: { args: ['--control', 'on'] } });
//   const sim = simulatorControl(session());          // or new SimulatorControl(url)
//   await sim.configure({ tokensPerSecond: 20 });
//   await sim.fault({ kind: 'midStreamError', afterTokens: 10, matchText: expertMatch('security') });
//   const { log, maxConcurrent } = await sim.log();
//
// Timestamps in the log are the simulator process's performance.now(); `clock()` measures the offset to this
// process's Date.now() so they can be compared with moments the test took (e.g. a click).
import type { ControlFault } from '../../support/simulator/control';
import type { RequestLogEntry } from '../../support/simulator/types';
import { sleep, TimeoutError } from './processes.js';

export type { ControlFault, RequestLogEntry };

export interface ControlLog {
  log: RequestLogEntry[];
  /** Open /v1/messages requests at the time of the call. */
  inFlight: number;
  /** Highest number of concurrently open requests since start or the last reset. */
  maxConcurrent: number;
  /** The simulator's performance.now() when it answered. */
  now: number;
}

/** What `/_control/configure` accepts (pacing, reply length, the API key it requires). */
export interface ConfigurePatch {
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
  tokensPerChunk?: number;
  outputTokens?: number;
  pingIntervalMs?: number;
  apiKey?: string;
}

/** The simulator's defaults (test/support/simulator/options.ts), to restore after slowing it down. */
export const SIMULATOR_DEFAULT_PACING: Readonly<Required<Omit<ConfigurePatch, 'apiKey'>>> = {
  timeToFirstTokenMs: 20,
  tokensPerSecond: 2000,
  tokensPerChunk: 4,
  outputTokens: 60,
  pingIntervalMs: 500,
};

/** Maps simulator timestamps (its performance.now()) onto this process's Date.now(). */
export interface SimulatorClock {
  /** Local epoch ms = simulator ms + offsetMs. */
  offsetMs: number;
  /** Round trip of the measuring request: the offset is good to about half of it. */
  uncertaintyMs: number;
  toLocal(simMs: number): number;
}

export class SimulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_control/${route}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) {
      const hint =
        res.status === 404 && /no control route|not_found/i.test(text)
          ? ' (is the simulator started with --control on?)'
          : '';
      throw new Error(
        `simulator control ${method} /_control/${route}: HTTP ${res.status} ${text.slice(0, 300)}${hint}`,
      );
    }
    return JSON.parse(text) as T;
  }

  /** The request log (one entry per POST /v1/messages since start or the last reset). */
  log(): Promise<ControlLog> {
    return this.call<ControlLog>('GET', 'log');
  }

  /** Changes pacing / reply length / required key for the following requests. */
  async configure(patch: ConfigurePatch): Promise<void> {
    await this.call('POST', 'configure', patch);
  }

  /** Restores the default pacing and reply length. */
  async restorePacing(): Promise<void> {
    await this.configure({ ...SIMULATOR_DEFAULT_PACING });
  }

  /** Queues a fault; `matchText` limits it to requests whose JSON body contains that text (see expertMatch). */
  async fault(fault: ControlFault): Promise<void> {
    await this.call('POST', 'fault', fault);
  }

  /** Clears the log, the prompt cache, queued faults and maxConcurrent (pacing stays as configured). */
  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  /**
   * Holds every reply decided from now on at its first byte (or after `afterTokens` output tokens) until
   * `release()`: the test orders events (e.g. "the panel is listening" before "the experts stream") instead
   * of racing the pacing. `reset()` releases too.
   */
  async hold(opts: { afterTokens?: number } = {}): Promise<void> {
    await this.call('POST', 'hold', opts);
  }

  /** Lets held replies go: all of them (and stops holding), or the first `count` in arrival order. */
  async release(count?: number): Promise<number> {
    return (await this.call<{ released: number }>('POST', 'release', count === undefined ? {} : { count })).released;
  }

  /** Measures the offset between the simulator's clock and Date.now() here. */
  async clock(): Promise<SimulatorClock> {
    let best: SimulatorClock | undefined;
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      const { now } = await this.log();
      const after = Date.now();
      const offsetMs = (before + after) / 2 - now;
      const uncertaintyMs = after - before;
      if (!best || uncertaintyMs < best.uncertaintyMs) best = { offsetMs, uncertaintyMs, toLocal: (t) => t + offsetMs };
    }
    return best!;
  }

  /** Polls the log until `until` holds; returns that log. */
  async waitFor(until: (log: ControlLog) => boolean, what: string, timeoutMs = 30_000): Promise<ControlLog> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.log();
      if (until(snapshot)) return snapshot;
      if (Date.now() > deadline) {
        throw new TimeoutError(`the simulator log to show ${what}`, timeoutMs, describeLog(snapshot));
      }
      await sleep(200);
    }
  }

  /** Waits until no request is open, and at least `minRequests` have been logged. */
  waitForIdle(minRequests = 0, timeoutMs = 30_000): Promise<ControlLog> {
    return this.waitFor(
      (l) => l.inFlight === 0 && l.log.length >= minRequests,
      `no open request (and at least ${minRequests} logged)`,
      timeoutMs,
    );
  }
}

/** The control client of a session's simulator. */
export function simulatorControl(session: { simulator?: { url: string } }): SimulatorControl {
  if (!session.simulator) throw new Error('this session has no simulator (useWorkbench({ simulator: … }))');
  return new SimulatorControl(session.simulator.url);
}

/**
 * `matchText` for requests of one review expert: its prompt starts `<review-request expert-id="<id>"` (see
 * src/review/prompts.ts), and the body is matched as JSON, where the quote is escaped.
 */
export function expertMatch(expertId: string): string {
  return `expert-id=\\"${expertId}\\"`;
}

/** The review expert a logged request is for ('' for other requests, e.g. the synthesis). */
export function expertOf(entry: RequestLogEntry): string {
  return /expert-id=\\"([^"\\]+)\\"/.exec(JSON.stringify(entry.body ?? {}))?.[1] ?? '';
}

/** The text of the last user message of a logged request. */
export function lastUserTextOf(entry: RequestLogEntry): string {
  const messages = Array.isArray(entry.body?.['messages']) ? (entry.body!['messages'] as unknown[]) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown };
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return m.content
        .map((b) => (typeof (b as { text?: unknown })?.text === 'string' ? (b as { text: string }).text : ''))
        .join('\n');
    }
    return '';
  }
  return '';
}

/** Whether two logged requests were open at the same time. */
export function overlapped(a: RequestLogEntry, b: RequestLogEntry): boolean {
  const end = (e: RequestLogEntry) => e.closedAt ?? e.endedAt ?? Number.POSITIVE_INFINITY;
  return a.receivedAt < end(b) && b.receivedAt < end(a);
}

/** A one-line-per-request summary, for assertion messages. */
export function describeLog(snapshot: ControlLog): string {
  const rows = snapshot.log.map((e) => {
    const who = expertOf(e) || lastUserTextOf(e).replace(/\s+/g, ' ').slice(0, 40);
    const t = (v?: number) => (v === undefined ? '-' : v.toFixed(0));
    return (
      `  ${e.id} ${who}: status ${e.status}${e.errorType ? ` ${e.errorType}` : ''}${e.fault ? ` fault ${e.fault}` : ''}, ` +
      `received ${t(e.receivedAt)} closed ${t(e.closedAt)}, ${e.streamedTokens} tokens, ` +
      `${e.completed ? 'completed' : e.aborted ? 'aborted' : e.status >= 400 ? 'error response' : 'open/unfinished'}, concurrent at start ${e.concurrentAtStart}`
    );
  });
  return `simulator log (now ${snapshot.now.toFixed(0)}, inFlight ${snapshot.inFlight}, maxConcurrent ${snapshot.maxConcurrent}):\n${rows.join('\n') || '  (empty)'}`;
}
