// `npm start` without desktop VS Code, on Linux x64 with apt: VS Code for the browser (code-server) on 127.0.0.1.
// The first start installs code-server and Node 24 into test/e2e (a few minutes: code-server builds native
// addons); Chromium, which only the browser tests need, is not installed. Later starts take seconds.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { demoEnv, prepareProfile, say } from './common.mjs';

export async function startInBrowser({ root, devDir }) {
  // code-server and Node 24, not Chromium: you bring the browser (idempotent, ~1 s when done).
  const setup = spawnSync('bash', [join(root, 'test', 'e2e', 'setup.sh'), '--no-browser'], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('test/e2e/setup.sh failed');

  const { packageExtension, installExtension } = await import('../../test/e2e/harness/extension.ts');
  const { codeServerEnv, startCodeServer } = await import('../../test/e2e/harness/codeServer.ts');
  const { startSimulatorProcess, simulatorAvailable, PLAUSIBLE_RESPONDER, REAL_API_PACING } =
    await import('../../test/e2e/harness/simulator.ts');
  const { stopAllProcesses } = await import('../../test/e2e/harness/processes.ts');

  let stopping = false;
  async function shutdown(code) {
    if (stopping) return;
    stopping = true;
    say('\nStopping code-server and everything it started…');
    await stopAllProcesses();
    process.exit(code);
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void shutdown(0));

  try {
    say('Building and packaging the extension…');
    const vsix = await packageExtension();

    const realKey = Boolean(process.env.ANTHROPIC_API_KEY);
    let simulator;
    if (!realKey) {
      if (!simulatorAvailable())
        throw new Error(
          'ANTHROPIC_API_KEY is not set and the API simulator (test/support/simulator/cli.ts) is missing',
        );
      simulator = await startSimulatorProcess({
        responder: PLAUSIBLE_RESPONDER,
        args: REAL_API_PACING,
        logFile: join(devDir, 'simulator.log'),
      });
    }

    const profile = prepareProfile({ profileRoot: devDir, simulatorUrl: simulator?.url });
    say('Installing it into .dev/extensions…');
    await installExtension(vsix, profile.extensionsDir, codeServerEnv(profile));

    const port = process.env.PORT ? Number(process.env.PORT) : undefined;
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
      throw new Error(`PORT=${process.env.PORT} is not a port`);
    const cs = await startCodeServer({
      profile,
      port,
      env: { ...demoEnv(), ...(simulator ? { CLAUDE_MULTI_AGENT_SIMULATED: '1', ANTHROPIC_API_KEY: undefined } : {}) },
      logFile: join(devDir, 'code-server.log'),
    });

    say('');
    say('  Claude Multi-Agent is running in VS Code (code-server) at:');
    say('');
    say(`    ${cs.folderUrl}`);
    say('');
    say(`  Workspace: ${profile.workspace}`);
    if (simulator) {
      say(`  ANSWERS ARE SIMULATED: ANTHROPIC_API_KEY is not set, so the local API simulator at ${simulator.url}`);
      say('  answers instead of Claude (canned, rule-based findings; no network, no cost).');
      say('  Set ANTHROPIC_API_KEY and run npm start again to use the real API.');
    } else {
      say('  Using the real Anthropic API with your ANTHROPIC_API_KEY (requests cost money).');
    }
    say(`  Logs: .dev/code-server.log${simulator ? ', .dev/simulator.log' : ''}. Ctrl+C to stop.`);
    say('');

    const code = await Promise.race([
      cs.proc.exited,
      simulator ? simulator.proc.exited.then(() => 'simulator') : new Promise(() => {}),
    ]);
    if (!stopping) {
      say(
        code === 'simulator'
          ? 'The simulator exited; stopping.'
          : `code-server exited (code ${code}); see .dev/code-server.log`,
      );
      await shutdown(1);
    }
  } catch (err) {
    say(`start: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}
