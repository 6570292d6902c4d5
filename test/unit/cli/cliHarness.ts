// Runs the command line as a process against the simulator, in a temp git repository: what CI does, with
// the CLI built as esbuild.mjs builds dist/cli.js. By default every run uses one bundle, built on the first
// run of the test process: a bundle starts on about a seventh of the CPU time that compiling the sources
// through tsx takes on every run, and on a loaded machine that is the difference between a test of three
// runs finishing and timing out.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { build, buildSync, type BuildOptions } from 'esbuild';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
export const DEMO_APP = join(ROOT, 'test/fixtures/review/demo-app');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface StartedCli {
  child: ChildProcess;
  done: Promise<CliRun>;
  /**
   * Resolves once the process's stderr so far satisfies `check` (say, it reported a step), so a test
   * waits for what the process did rather than for a time; rejects, with the output, if the process
   * ends first.
   */
  stderrShows(what: string, check: (stderr: string) => boolean): Promise<void>;
}

const bundleOptions = (outfile: string): BuildOptions => ({
  entryPoints: [MAIN],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  define: { CLAUDE_MULTI_AGENT_VERSION: JSON.stringify('test') },
});

/** Builds the command line as esbuild.mjs builds dist/cli.js (one Node bundle), into `dir`; returns its path. */
export async function buildCli(dir: string): Promise<string> {
  const outfile = join(dir, 'cli.js');
  await build(bundleOptions(outfile));
  return outfile;
}

let shared: string | undefined;

/** The bundle every run shares unless given its own: built once per test process, removed at its exit. */
function sharedBundle(): string {
  if (shared === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'cma-cli-bundle-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const outfile = join(dir, 'cli.js');
    buildSync(bundleOptions(outfile));
    shared = outfile;
  }
  return shared;
}

const running = new Set<ChildProcess>();

/** Kills CLI processes a test left running (say, after it timed out), so none reaches the next test's simulator. */
export function stopLeftoverClis(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** `bundle`: a CLI built by buildCli; by default the shared bundle. */
export function startCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  bundle: string = sharedBundle(),
): StartedCli {
  const child = spawn(process.execPath, [bundle, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const watcher of [...watchers]) watcher();
  });
  const done = new Promise<CliRun>((res) =>
    child.on('close', (code) => {
      running.delete(child);
      for (const watcher of [...watchers]) watcher();
      res({ code, stdout, stderr });
    }),
  );
  const stderrShows = (what: string, check: (text: string) => boolean) =>
    new Promise<void>((res, rej) => {
      const watcher = (): void => {
        if (check(stderr)) {
          watchers.delete(watcher);
          res();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          watchers.delete(watcher);
          rej(new Error(`the CLI ended (${child.exitCode ?? child.signalCode}) before ${what}; stderr:\n${stderr}`));
        }
      };
      watchers.add(watcher);
      watcher();
    });
  return { child, done, stderrShows };
}

export const runCli = (
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  bundle?: string,
): Promise<CliRun> => startCli(args, cwd, env, bundle).done;

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
