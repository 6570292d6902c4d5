// The command line as users get it: the npm tarball the release workflow builds, installed into an empty prefix
// (one package, nothing else), run against the simulator directly and through the GitHub Action; the workflow's
// npm publish as a dry run; and an install straight from the git repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { demoResponder } from '../support/demoResponder';
import { fakeKey } from '../support/fakeKeys';
import { sarifErrors } from '../support/sarif/validateSarif';
import { startSimulator, type Simulator } from '../support/simulator';
import { demoRepo } from '../unit/cli/cliHarness';
import { NPM_FILES, NPM_MAX_BYTES } from '../unit/release/packageContents';
import { mustRun, releaseBuild, run, type Clone } from './freshClone';

const KEY = fakeKey('package');

describe('release build: the command line on npm', () => {
  let clone: Clone;
  let tarball: string;
  let sim: Simulator;
  let prefix: string;
  const env = () => ({ ...process.env, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url });

  before(async () => {
    const build = await releaseBuild();
    clone = build.clone;
    tarball = join(build.artifacts, `claude-multi-agent-${clone.version}.tgz`);
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
  });
  after(() => sim?.close());

  it('packs only the self-contained command line', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''))
      .sort();
    assert.deepEqual(files, NPM_FILES);
    const bytes = statSync(tarball).size;
    assert.ok(bytes <= NPM_MAX_BYTES, `the tarball is ${bytes} bytes, over ${NPM_MAX_BYTES}`);
    const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as {
      dependencies?: object;
      private?: boolean;
    };
    assert.equal(pkg.dependencies, undefined, 'nothing else installs with it');
    assert.equal(pkg.private, undefined);
  });

  it('installs into an empty prefix as one package, offline, and reports its version', async () => {
    prefix = join(clone.scratch, 'prefix');
    const out = await mustRun(
      'npm',
      ['install', '-g', '--prefix', prefix, tarball, '--offline', '--no-audit', '--no-fund'],
      {
        cwd: clone.scratch,
      },
    );
    assert.match(out, /added 1 package/);
    const lib = join(prefix, 'lib', 'node_modules');
    assert.deepEqual(readdirSync(lib), ['claude-multi-agent']);
    assert.ok(!existsSync(join(lib, 'claude-multi-agent', 'node_modules')), 'no dependencies installed');
    const version = await mustRun(join(prefix, 'bin', 'claude-multi-agent'), ['--version'], { cwd: clone.scratch });
    assert.equal(version.trim(), clone.version);
  });

  it('reviews a repository against the simulator and writes valid SARIF', async () => {
    const repo = demoRepo();
    try {
      const bin = join(prefix, 'bin', 'claude-multi-agent');
      const r = await run(bin, ['review', 'src', '--format', 'sarif', '--output', 'out.sarif'], {
        cwd: repo.root,
        env: env(),
      });
      assert.equal(r.code, 0, r.output);
      const log = JSON.parse(readFileSync(join(repo.root, 'out.sarif'), 'utf8')) as Log;
      assert.deepEqual(sarifErrors(log), []);
      assert.ok(log.runs[0]!.results!.length > 0, 'the demo code has findings');
      assert.ok(sim.log.length > 1, 'the experts called the API');
    } finally {
      repo.remove();
    }
  });

  it('runs through the GitHub Action step with the tarball as its package', async () => {
    const repo = demoRepo();
    try {
      const event = join(repo.root, '..', `event-${Date.now()}.json`);
      writeFileSync(event, JSON.stringify({ pull_request: { head: { repo: { full_name: 'o/r' } } } }));
      const output = join(clone.scratch, 'action-output');
      const runnerTemp = join(clone.scratch, 'runner-temp');
      mkdirSync(runnerTemp, { recursive: true });
      writeFileSync(output, '');
      const r = await run('bash', [join(clone.dir, 'scripts', 'action', 'review.sh')], {
        cwd: repo.root,
        env: {
          ...env(),
          GITHUB_OUTPUT: output,
          GITHUB_ACTION_PATH: clone.dir,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          GITHUB_REPOSITORY: 'o/r',
          RUNNER_TEMP: runnerTemp,
          CMA_SCOPE: 'paths:src',
          CMA_FAIL_ON: 'high',
          CMA_MAX_COST: '5',
          CMA_SARIF_FILE: 'review.sarif',
          CMA_CLI: tarball,
        },
      });
      assert.equal(r.code, 0, r.output);
      assert.match(
        r.output,
        new RegExp(`::group::claude-multi-agent ${clone.version.replace(/\./g, '\\.')}: review src`),
      );
      assert.equal(
        readFileSync(output, 'utf8'),
        'exit-code=1\nsarif-file=review.sarif\n',
        'findings at high fail the gate',
      );
      const log = JSON.parse(readFileSync(join(repo.root, 'review.sarif'), 'utf8')) as Log;
      assert.deepEqual(sarifErrors(log), []);
      assert.ok(log.runs[0]!.results!.some((res) => res.level === 'error'));
    } finally {
      repo.remove();
    }
  });

  it("passes the workflow's npm publish as a dry run", async () => {
    const r = await run('npm', ['publish', tarball, '--dry-run', '--access', 'public', '--tag', 'next'], {
      cwd: clone.scratch,
    });
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, new RegExp(`\\+ claude-multi-agent@${clone.version.replace(/\./g, '\\.')}`));
    const warnings = r.output.split('\n').filter((l) => /npm warn/i.test(l) && !/requires you to be logged in/.test(l));
    assert.deepEqual(warnings, [], 'no warning but dry-run\'s "not logged in"');
  });

  it('installs from a git URL: npm builds it through prepare', async () => {
    const project = join(clone.scratch, 'git-install');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"uses-it","private":true}\n');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone.dir, encoding: 'utf8' }).trim();
    await mustRun(
      'npm',
      ['install', `git+file://${clone.dir}#${head}`, '--prefer-offline', '--no-audit', '--no-fund'],
      {
        cwd: project,
      },
    );
    const version = await mustRun(join(project, 'node_modules', '.bin', 'claude-multi-agent'), ['--version'], {
      cwd: project,
    });
    assert.equal(version.trim(), clone.version);
  });
});
