// Runs the command line as a process (from source, through tsx, or built as dist/cli.js is) against
// the simulator, in a temp git repository: what CI does.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const REGISTER = join(ROOT, 'test/support/register-ts.mjs');
export const DEMO_APP = join(ROOT, 'test/fixtures/review/demo-app');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `bundle` runs a built CLI (see buildCli) instead of the sources. */
export function startCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  bundle?: string,
): { child: ChildProcess; done: Promise<CliRun> } {
  const entry = bundle ? [bundle] : ['--import', REGISTER, MAIN];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((res) => child.on('close', (code) => res({ code, stdout, stderr })));
  return { child, done };
}

export const runCli = (
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  bundle?: string,
): Promise<CliRun> => startCli(args, cwd, env, bundle).done;

/** Builds the command line as esbuild.mjs builds dist/cli.js (one Node bundle), into `dir`; returns its path. */
export async function buildCli(dir: string): Promise<string> {
  const outfile = join(dir, 'cli.js');
  await build({
    entryPoints: [MAIN],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: { CLAUDE_MULTI_AGENT_VERSION: JSON.stringify('test') },
  });
  return outfile;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  );
}

/** A git repository holding the demo app's sources as its first commit on `main`. */
export function demoRepo(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'cma-cli-'));
  cpSync(join(DEMO_APP, 'src'), join(root, 'src'), { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'first');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
