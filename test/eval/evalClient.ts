// Which API an evaluation talks to: the real one when ANTHROPIC_API_KEY is set, else the local simulator
// with rule-based answers (test/support/demoResponder.ts for reviews, judgeResponder.ts for a suite's
// judge), which the run says loudly: such figures test the harness and say nothing about a model.
import type { ClientConfig } from '../../src/core';
import { clientFromEnv } from '../../src/cli/apiAccess';
import { demoResponder } from '../support/demoResponder';
import { judgeResponder } from '../support/judgeResponder';
import { startSimulator, type Simulator } from '../support/simulator';
import type { EvalOptions } from './evalOptions';
import type { Log } from './reviewRuns';

const SIMULATOR_KEY = 'eval-simulator-key';

/** Runs `work` with a client: "api" with the key, "simulator" (started and closed here) without. */
export async function withReviewClient<T>(
  env: NodeJS.ProcessEnv,
  options: Pick<EvalOptions, 'model'>,
  log: Log,
  what: string,
  work: (client: ClientConfig, source: 'api' | 'simulator') => Promise<T>,
): Promise<T> {
  if (env['ANTHROPIC_API_KEY']?.trim()) {
    log(`${what} with ${options.model} against the real API (ANTHROPIC_API_KEY is set).`);
    return work((await clientFromEnv(env)).client, 'api');
  }
  let sim: Simulator | undefined;
  try {
    sim = await startSimulator({
      apiKey: SIMULATOR_KEY,
      responder: (req) => judgeResponder(req) ?? demoResponder(req),
      timeToFirstTokenMs: 5,
      tokensPerSecond: 0,
    });
    log('No ANTHROPIC_API_KEY: running against the local simulator, not the real API. Its answers come from a few');
    log(
      'regular expressions (test/support/demoResponder.ts, judgeResponder.ts), so these figures test the harness and mean NOTHING about model quality.',
    );
    return await work({ apiKey: SIMULATOR_KEY, baseURL: sim.url }, 'simulator');
  } finally {
    await sim?.close();
  }
}
