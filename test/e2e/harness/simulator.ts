// The Anthropic API simulator (test/support/simulator) as a child process, for the browser tier and `npm start`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { ManagedProcess } from './processes.js';

export const SIMULATOR_CLI = join(REPO_ROOT, 'test', 'support', 'simulator', 'cli.ts');
export const DEMO_RESPONDER = join(REPO_ROOT, 'test', 'support', 'demoResponder.ts');
/** `npm start`'s responder: the demo's reviews plus chat and delegation answers about the code sent. */
export const PLAUSIBLE_RESPONDER = join(REPO_ROOT, 'test', 'support', 'plausibleResponder.ts');
/**
 * `npm start` paces the simulator like the real API (about 1 s to the first token, then ~80 tokens/s),
 * so the demo shows what waiting for experts in parallel is like; the tests keep the fast default.
 */
export const REAL_API_PACING = ['--ttft', '1000', '--tps', '80'];

export interface SimulatorProcess {
  url: string;
  proc: ManagedProcess;
  stop(): Promise<void>;
}

export interface SimulatorProcessOptions {
  /** Module whose default export is a Responder; default test/support/demoResponder.ts when it exists. Pass null for the simulator's own default replies. */
  responder?: string | null;
  /** Extra CLI flags, e.g. ['--ttft', '50', '--tps', '200']. */
  args?: string[];
  logFile?: string;
  echo?: boolean;
  timeoutMs?: number;
}

export function simulatorAvailable(): boolean {
  return existsSync(SIMULATOR_CLI);
}

/** Starts `test/support/simulator/cli.ts --port 0` (on the root's Node) and waits for its SIMULATOR_URL line. */
export async function startSimulatorProcess(opts: SimulatorProcessOptions = {}): Promise<SimulatorProcess> {
  if (!simulatorAvailable()) throw new Error(`the API simulator is not in this checkout (${SIMULATOR_CLI} is missing)`);
  const responder =
    opts.responder === undefined ? (existsSync(DEMO_RESPONDER) ? DEMO_RESPONDER : null) : opts.responder;
  const args = [
    '--import',
    join(REPO_ROOT, 'test', 'support', 'register-ts.mjs'),
    SIMULATOR_CLI,
    '--port',
    '0',
    ...(responder ? ['--responder', responder] : []),
    ...(opts.args ?? []),
  ];
  const proc = new ManagedProcess('simulator', process.execPath, args, {
    cwd: REPO_ROOT,
    logFile: opts.logFile,
    echo: opts.echo,
  });
  try {
    const m = await proc.waitForOutput(
      /SIMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)/,
      opts.timeoutMs ?? 30_000,
      'the simulator to print SIMULATOR_URL',
    );
    return { url: m[1]!, proc, stop: () => proc.stop() };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}
