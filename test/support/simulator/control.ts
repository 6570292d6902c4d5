// Test-only control routes (`/_control/*`), enabled with `control: true` (the CLI's `--control`), so a
// test in another process can read the request log, change pacing, queue faults, and hold replies
// until the requests it expects have arrived. Loopback only, like the simulator itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, SimRequest, Simulator, SimulatorOptions } from './types';

/** A fault as JSON: `matchText` stands in for `match` (a request whose body contains that text). */
export type ControlFault = Fault extends infer F
  ? F extends Fault
    ? Omit<F, 'match'> & { matchText?: string }
    : never
  : never;

const CONFIGURABLE = [
  'timeToFirstTokenMs',
  'tokensPerSecond',
  'tokensPerChunk',
  'outputTokens',
  'pingIntervalMs',
] as const;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Handles a `/_control/...` request; returns false for any other path. */
export function handleControl(sim: Simulator, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (!path.startsWith('/_control/')) return false;
  void (async () => {
    try {
      switch (`${req.method} ${path}`) {
        case 'GET /_control/log':
          return reply(res, 200, {
            log: sim.log,
            inFlight: sim.inFlight(),
            maxConcurrent: sim.maxConcurrent,
            heldResponses: sim.heldResponses,
            now: performance.now(),
          });
        case 'POST /_control/configure': {
          const body = (await readJson(req)) as Record<string, unknown>;
          const patch: Partial<SimulatorOptions> = {};
          for (const key of CONFIGURABLE) if (typeof body[key] === 'number') patch[key] = body[key];
          if (typeof body['apiKey'] === 'string') patch.apiKey = body['apiKey'];
          sim.configure(patch);
          return reply(res, 200, { ok: true });
        }
        case 'POST /_control/fault': {
          const { matchText, ...fault } = (await readJson(req)) as ControlFault;
          const match =
            matchText === undefined ? undefined : (r: SimRequest) => JSON.stringify(r.body).includes(matchText);
          sim.enqueueFault((match ? { ...fault, match } : fault) as Fault);
          return reply(res, 200, { ok: true });
        }
        case 'POST /_control/hold': {
          const { afterTokens } = (await readJson(req)) as { afterTokens?: unknown };
          sim.holdResponses(typeof afterTokens === 'number' ? { afterTokens } : {});
          return reply(res, 200, { ok: true });
        }
        case 'POST /_control/release': {
          const { count } = (await readJson(req)) as { count?: unknown };
          return reply(res, 200, { released: sim.releaseResponses(typeof count === 'number' ? count : undefined) });
        }
        case 'POST /_control/wait-for-requests': {
          const { count, timeoutMs } = (await readJson(req)) as { count?: unknown; timeoutMs?: unknown };
          if (typeof count !== 'number') return reply(res, 400, { error: 'count: a number is required' });
          try {
            await sim.waitForRequests(count, typeof timeoutMs === 'number' ? timeoutMs : undefined);
          } catch (err) {
            return reply(res, 504, { error: err instanceof Error ? err.message : String(err) });
          }
          return reply(res, 200, { ok: true });
        }
        case 'POST /_control/reset':
          sim.reset();
          sim.clearFaults();
          return reply(res, 200, { ok: true });
        default:
          return reply(res, 404, { error: `no control route ${req.method} ${path}` });
      }
    } catch (err) {
      return reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  })();
  return true;
}
