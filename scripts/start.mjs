#!/usr/bin/env node
// `npm start`: try the extension by hand in a browser.
//
// Builds and packages the extension, installs it into a persistent dev profile (.dev/), and serves VS Code
// (code-server) on 127.0.0.1 with a copy of test/e2e/fixtures/sample-workspace open. Prints the URL to open.
//   - ANTHROPIC_API_KEY set: passed through, the real API answers.
//   - otherwise: the local API simulator answers (its URL goes into claudeMultiAgent.baseUrl, and
//     CLAUDE_MULTI_AGENT_SIMULATED=1 into the extension host's environment).
// The workspace copy is a git repository (history, a branch, an uncommitted change) for "review uncommitted
// changes"; the simulator answers at the real API's pace (about 1 s to the first token, ~80 tokens/s).
// Options: PORT=<port> (default: a free one); --reset (fresh .dev profile and workspace copy).
// The first start installs code-server and Node 24 into test/e2e (a few minutes: code-server builds native
// addons); Chromium, which only the browser tests need, is not installed. Later starts take seconds.
// Ctrl+C stops code-server, the simulator and everything they started.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devDir = join(root, '.dev');
const args = process.argv.slice(2);
const say = (msg) => process.stdout.write(`${msg}\n`);

if (args.includes('--help') || args.includes('-h')) {
  say('usage: npm start [-- --reset]   (env: PORT, ANTHROPIC_API_KEY)');
  process.exit(0);
}

// 1. code-server and Node 24, not Chromium: you bring the browser (idempotent, ~1 s when done).
const setup = spawnSync('bash', [join(root, 'test', 'e2e', 'setup.sh'), '--no-browser'], { stdio: 'inherit' });
if (setup.status !== 0) {
  say('start: test/e2e/setup.sh failed');
  process.exit(1);
}

const { packageExtension, installExtension } = await import('../test/e2e/harness/extension.ts');
const { createProfile, codeServerEnv, startCodeServer, QUIET_SETTINGS } =
  await import('../test/e2e/harness/codeServer.ts');
const { startSimulatorProcess, simulatorAvailable, PLAUSIBLE_RESPONDER, REAL_API_PACING } =
  await import('../test/e2e/harness/simulator.ts');
const { initDemoRepo } = await import('../test/e2e/harness/demoRepo.ts');
const { DEMO_ENV, DEMO_SETTINGS } = await import('../test/e2e/harness/demoProfile.ts');
const { stopAllProcesses } = await import('../test/e2e/harness/processes.ts');

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
  if (args.includes('--reset')) rmSync(devDir, { recursive: true, force: true });

  say('Building and packaging the extension…');
  const vsix = await packageExtension();

  const realKey = Boolean(process.env.ANTHROPIC_API_KEY);
  let simulator;
  if (!realKey) {
    if (!simulatorAvailable())
      throw new Error('ANTHROPIC_API_KEY is not set and the API simulator (test/support/simulator/cli.ts) is missing');
    simulator = await startSimulatorProcess({
      responder: PLAUSIBLE_RESPONDER,
      args: REAL_API_PACING,
      logFile: join(devDir, 'simulator.log'),
    });
  }

  const profile = createProfile({ root: devDir });
  if (initDemoRepo(profile.workspace))
    say(
      '  The sample workspace is a git repository: a branch ahead of main and an uncommitted change (the walkthrough shows them).',
    );
  updateSettings(join(profile.userDataDir, 'User', 'settings.json'), (s) => {
    Object.assign(s, DEMO_SETTINGS); // VS Code's chat on, for @experts
    if (simulator) s['claudeMultiAgent.baseUrl'] = simulator.url;
    else if (/^https?:\/\/127\.0\.0\.1:/.test(String(s['claudeMultiAgent.baseUrl'] ?? '')))
      delete s['claudeMultiAgent.baseUrl'];
  });
  say('Installing it into .dev/extensions…');
  await installExtension(vsix, profile.extensionsDir, codeServerEnv(profile));

  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error(`PORT=${process.env.PORT} is not a port`);
  const cs = await startCodeServer({
    profile,
    port,
    env: { ...DEMO_ENV, ...(simulator ? { CLAUDE_MULTI_AGENT_SIMULATED: '1', ANTHROPIC_API_KEY: undefined } : {}) },
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

/** Edits settings.json in place, keeping the developer's own settings (a file that is not plain JSON is backed up). */
function updateSettings(file, edit) {
  let settings = {};
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      copyFileSync(file, `${file}.bak`);
      say(`  (${file} was not plain JSON; saved as settings.json.bak and rewritten)`);
    }
  }
  settings = { ...QUIET_SETTINGS, ...settings };
  edit(settings);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}
