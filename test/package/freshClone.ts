// A fresh clone of the committed tree with `npm ci` done, made once per run and shared by the packaging tests,
// and the release workflow's own build steps run in it (read from .github/workflows/release.yml, not copied).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, manifest } from '../unit/release/project';

export interface Run {
  code: number | null;
  output: string;
}

/** Runs a command to completion without blocking the event loop (an in-process simulator must keep answering). */
export function run(command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export async function mustRun(command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const r = await run(command, args, opts);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.output.slice(-6000)}`);
  return r.output;
}

export interface Clone {
  dir: string;
  /** Where the tests put their own temp files (removed with the clone). */
  scratch: string;
  version: string;
}

let clone: Promise<Clone> | undefined;
const temp = mkdtempSync(join(tmpdir(), 'cma-package-'));
process.on('exit', () => rmSync(temp, { recursive: true, force: true }));

/** The committed HEAD (uncommitted edits are not in it: commit first), cloned and installed with npm ci. */
export function freshClone(): Promise<Clone> {
  clone ??= (async () => {
    const dir = join(temp, 'clone');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '-q', '--no-checkout', ROOT, dir]);
    execFileSync('git', ['checkout', '-q', head], { cwd: dir });
    await mustRun('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
    return { dir, scratch: temp, version: manifest().version };
  })();
  return clone;
}

interface WorkflowStep {
  id?: string;
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

export interface ReleaseBuild {
  outputs: Record<string, string>;
  logs: Record<string, string>;
  /** release/ in the clone: the VSIX, the npm tarball and release-notes.md, as the workflow uploads them. */
  artifacts: string;
}

let built: Promise<ReleaseBuild> | undefined;

/** The two kinds of expression the build steps' env uses: the tag, and a choice on an earlier step's output. */
function evaluate(value: string, tag: string, outputFile: string): string {
  if (value === '${{ github.ref_name }}') return tag;
  const m = /^\$\{\{ steps\.\w+\.outputs\.(\w+) == '([^']*)' && '([^']*)' \|\| '([^']*)' \}\}$/.exec(value);
  if (!m) throw new Error(`release.yml: a build step uses ${value}, which this test cannot evaluate`);
  const outputs = readFileSync(outputFile, 'utf8');
  return outputs.split('\n').includes(`${m[1]}=${m[2]}`) ? m[3]! : m[4]!;
}

/**
 * The release workflow's build steps after npm ci and npm test (the tag check with the release notes, and the
 * packaging), run with bash in the clone as GitHub would, for the tag v<version>. Once per run.
 */
export function releaseBuild(): Promise<ReleaseBuild & { clone: Clone }> {
  built ??= (async () => {
    const { dir, version } = await freshClone();
    const workflow = parse(readFileSync(join(dir, '.github/workflows/release.yml'), 'utf8')) as {
      jobs: { build: { steps: WorkflowStep[] } };
    };
    const steps = workflow.jobs.build.steps.filter((s) => s.run && !/^npm (ci|test)$/.test(s.run.trim()));
    const outputFile = join(temp, 'build-outputs');
    writeFileSync(outputFile, '');
    const logs: Record<string, string> = {};
    for (const step of steps) {
      const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: outputFile };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = evaluate(v, `v${version}`, outputFile);
      logs[step.id ?? step.name ?? step.run!] = await mustRun('bash', ['-eo', 'pipefail', '-c', step.run!], {
        cwd: dir,
        env,
      });
    }
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('=') as [string, string]),
    );
    return { outputs, logs, artifacts: join(dir, 'release') };
  })();
  return built.then(async (b) => ({ clone: await freshClone(), ...b }));
}
