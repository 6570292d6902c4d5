#!/usr/bin/env node
// `npm start`: try the extension by hand, on any desktop.
//
// Builds and packages the extension, installs it into a dev profile under .dev/ and opens a git copy of
// test/e2e/fixtures/sample-workspace (history, a branch, an uncommitted change, so every review scope can be tried):
//   - desktop VS Code where `code` is on the PATH (macOS, Windows, Linux): an isolated profile in .dev/desktop
//     (--extensions-dir, --user-data-dir), a new window; closing it stops everything (scripts/start/desktop.mjs);
//   - else, on Linux x64 with apt: VS Code for the browser (code-server) on 127.0.0.1; prints the URL to open
//     (scripts/start/codeServer.mjs);
//   - anywhere else it says what is missing instead of failing half-way.
// ANTHROPIC_API_KEY set: the real API answers. Otherwise the local API simulator does, at the real API's pace
// (about 1 s to the first token, ~80 tokens/s), and the status bar says so.
// Options: --desktop | --code-server (pick one), --reset (fresh .dev profile and workspace copy);
// env: PORT (code-server's port), CLAUDE_MULTI_AGENT_DEV_DIR (instead of .dev/, e.g. for tests).
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { chooseEditor } from './start/choose.mjs';

register();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devDir = resolve(process.env.CLAUDE_MULTI_AGENT_DEV_DIR || join(root, '.dev'));
const args = process.argv.slice(2);
const say = (msg) => process.stdout.write(`${msg}\n`);

if (args.includes('--help') || args.includes('-h')) {
  say('usage: npm start [-- --desktop | --code-server] [--reset]   (env: PORT, ANTHROPIC_API_KEY)');
  process.exit(0);
}

const prefer = args.includes('--code-server') ? 'code-server' : args.includes('--desktop') ? 'desktop' : undefined;
const choice = chooseEditor({ prefer });
if (choice.kind === 'unsupported') {
  say(`npm start: ${choice.reason}`);
  process.exit(1);
}
if (args.includes('--reset')) rmSync(devDir, { recursive: true, force: true });

if (choice.kind === 'desktop') {
  const { startDesktop } = await import('./start/desktop.mjs');
  try {
    process.exitCode = await startDesktop({ root, devDir, code: choice.code });
  } catch (err) {
    say(`start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
} else {
  const { startInBrowser } = await import('./start/codeServer.mjs');
  await startInBrowser({ root, devDir });
}
