// Runs the simulator as a process:
//   node --import ./test/support/register-ts.mjs test/support/simulator/cli.ts \
//     [--port N] [--ttft MS] [--tps N] [--api-key K] [--responder path/to/module.ts] [--control on]
// Prints exactly one line, `SIMULATOR_URL=http://127.0.0.1:PORT`, once listening; runs until SIGTERM/SIGINT.
// A responder module must `export default` a Responder.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSimulator } from './index';
import type { Responder, SimulatorOptions } from './types';

function parseArgs(argv: string[]): { options: SimulatorOptions; responderPath?: string } {
  const options: SimulatorOptions = {};
  let responderPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    const num = (): number => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number, got ${value}`);
      return n;
    };
    switch (flag) {
      case '--port':
        options.port = num();
        break;
      case '--ttft':
        options.timeToFirstTokenMs = num();
        break;
      case '--tps':
        options.tokensPerSecond = num();
        break;
      case '--api-key':
        options.apiKey = value;
        break;
      case '--responder':
        responderPath = value;
        break;
      case '--control':
        options.control = value === 'on';
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
    i += 1;
  }
  return responderPath === undefined ? { options } : { options, responderPath };
}

async function main(): Promise<void> {
  const { options, responderPath } = parseArgs(process.argv.slice(2));
  if (responderPath !== undefined) {
    const mod = (await import(pathToFileURL(resolve(responderPath)).href)) as { default?: unknown };
    if (typeof mod.default !== 'function')
      throw new Error(`${responderPath} has no default-exported responder function`);
    options.responder = mod.default as Responder;
  }
  const sim = await startSimulator(options);
  process.stdout.write(`SIMULATOR_URL=${sim.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
