// `npm start` with desktop VS Code: package the VSIX, install it into an isolated profile under .dev/desktop
// (--extensions-dir, --user-data-dir: your own VS Code, settings and extensions stay untouched), and open the
// sample workspace in a new window; the simulator answers unless ANTHROPIC_API_KEY is set. Cross-platform:
// plain child processes (no process groups), and `code.cmd` through the shell on Windows.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  PLAUSIBLE_RESPONDER,
  REAL_API_PACING,
  SIMULATOR_CLI,
  simulatorAvailable,
} from '../../test/e2e/harness/simulator.ts';
import { demoEnv, prepareProfile, say } from './common.mjs';

/** Runs `command args` to completion with inherited output; resolves its exit code. */
function run(command, args, { env = process.env, shell = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, shell });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Windows runs `code.cmd` only through cmd.exe: quote each argument for it. */
function codeCommand(code) {
  if (process.platform !== 'win32') return (args, opts = {}) => run(code, args, opts);
  const quote = (a) => `"${String(a).replace(/"/g, '""')}"`;
  return (args, opts = {}) => run(quote(code), args.map(quote), { ...opts, shell: true });
}

/** The simulator as a plain child process; resolves once it prints its URL. */
function startSimulator(root, logFile) {
  return new Promise((resolve, reject) => {
    const args = ['--import', join(root, 'test', 'support', 'register-ts.mjs'), SIMULATOR_CLI, '--port', '0'];
    args.push('--responder', PLAUSIBLE_RESPONDER, ...REAL_API_PACING);
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    let out = '';
    const onData = (chunk) => {
      log.write(chunk);
      if (out.length < 100_000) out += chunk.toString();
      const m = /SIMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the simulator exited (code ${code}) before it was ready:\n${out}`)));
  });
}

export async function startDesktop({ root, devDir, code }) {
  const profileRoot = join(devDir, 'desktop');
  const vsix = join(profileRoot, 'claude-multi-agent.vsix');
  say(`Desktop VS Code: ${code}`);
  say('Building and packaging the extension…');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  mkdirSync(profileRoot, { recursive: true }); // vsce writes into an existing folder only
  if ((await run(process.execPath, [vsce, 'package', '--no-dependencies', '-o', vsix])) !== 0)
    throw new Error('packaging failed (see above)');

  const realKey = Boolean(process.env.ANTHROPIC_API_KEY);
  if (!realKey && !simulatorAvailable()) throw new Error('ANTHROPIC_API_KEY is not set and the simulator is missing');
  const simulator = realKey ? undefined : await startSimulator(root, join(devDir, 'simulator.log'));
  try {
    const profile = prepareProfile({ profileRoot, simulatorUrl: simulator?.url });
    const codeRun = codeCommand(code);
    const isolated = ['--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir];
    say(`Installing it into ${profile.extensionsDir}…`);
    if ((await codeRun([...isolated, '--install-extension', vsix, '--force'])) !== 0)
      throw new Error(`${code} --install-extension failed (see above)`);

    say('');
    say(`  Opening ${profile.workspace} in a new VS Code window (profile: ${profileRoot}).`);
    if (simulator) {
      say(`  ANSWERS ARE SIMULATED: ANTHROPIC_API_KEY is not set, so the local API simulator at ${simulator.url}`);
      say('  answers instead of Claude (canned, rule-based findings; no network, no cost).');
    } else {
      say('  Using the real Anthropic API with your ANTHROPIC_API_KEY (requests cost money).');
    }
    say('  Close the window (or Ctrl+C here) to stop.');
    const env = { ...process.env, ...demoEnv() };
    if (simulator) {
      env.CLAUDE_MULTI_AGENT_SIMULATED = '1';
      delete env.ANTHROPIC_API_KEY;
    }
    return await codeRun([...isolated, '--new-window', '--wait', profile.workspace], { env });
  } finally {
    simulator?.stop();
  }
}
