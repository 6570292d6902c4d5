// `review --github-review` as CI runs it: a process, a git repository with a pull request's branch, the
// simulator for the experts and a local fake of the GitHub REST API (test/support/github) for the
// review, over the real HTTP client the CLI uses (Octokit on fetch).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { FakeGithub } from '../../support/github/fakeGithub';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoRepo, git, runCli } from './cliHarness';

const KEY = fakeKey('github');
const PR = { owner: 'acme', repo: 'shop', number: 7 };

interface JsonReport {
  findings: Array<{ id: string; file: string; startLine: number; title: string }>;
}

/** Each changed file's patch as GitHub's API gives it: the hunks (3 lines of context), no headers. */
function pullFiles(root: string): Array<{ filename: string; patch: string }> {
  return git(root, 'diff', '--name-only', 'main...HEAD')
    .split('\n')
    .filter(Boolean)
    .map((filename) => {
      const diff = git(root, 'diff', '--unified=3', 'main...HEAD', '--', filename);
      return { filename, patch: diff.slice(diff.indexOf('@@')).replace(/\n$/, '') };
    });
}

const markerOf = (body: string): { id: string; state: string } | undefined => {
  const m = /claude-multi-agent:finding id=([\w-]+) state=(\w+)/.exec(body);
  return m ? { id: m[1]!, state: m[2]! } : undefined;
};

describe('cli: --github-review against a fake GitHub API', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let github: FakeGithub;
  let repo: ReturnType<typeof demoRepo>;
  let scratch: string;
  let env: Record<string, string>;
  const cart = [
    '// TODO: cache the totals',
    'export function sumAll(items) {',
    '  let total = 0;',
    '  for (let i = 0; i < items.length; i++) total += items[i];',
    '  return total;',
    '}',
    '',
  ];
  const openPull = (): void =>
    github.setPull({ ...PR, headSha: git(repo.root, 'rev-parse', 'HEAD').trim(), files: pullFiles(repo.root) });
  const writes = () => github.log.filter((r) => r.method !== 'GET');
  const review = (extra: string[] = [], more: Record<string, string> = {}) =>
    runCli(['review', '--base', 'main', '--all-lines', '--github-review', '--format', 'json', ...extra], repo.root, {
      ...env,
      ...more,
    });

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    github = await FakeGithub.start();
    github.addToken('ghs_bot', { login: 'github-actions[bot]', type: 'Bot', canWrite: true });
    github.addToken('ghs_fork', { login: 'github-actions[bot]', type: 'Bot', canWrite: false });
    // One item per page: every list the CLI reads must follow GitHub's Link header.
    github.pageSize = 1;
  });
  beforeEach(() => {
    repo = demoRepo();
    scratch = mkdtempSync(join(tmpdir(), 'cma-gh-'));
    const event = join(scratch, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: PR.number } }));
    env = {
      ANTHROPIC_API_KEY: KEY,
      ANTHROPIC_BASE_URL: sim.url,
      GITHUB_TOKEN: 'ghs_bot',
      GITHUB_REPOSITORY: `${PR.owner}/${PR.repo}`,
      GITHUB_EVENT_PATH: event,
      GITHUB_API_URL: github.url,
    };
    writeFileSync(join(repo.root, 'src/cart.js'), cart.join('\n'));
    git(repo.root, 'add', 'src/cart.js');
    git(repo.root, 'commit', '-qm', 'cart');
    git(repo.root, 'checkout', '-q', '-b', 'feature');
    const feature = [...cart];
    feature[3] = '  for (let i = 0; i <= items.length; i++) total += items[i];';
    feature.splice(6, 0, 'export const run = (expr) => eval(expr);');
    writeFileSync(join(repo.root, 'src/cart.js'), feature.join('\n'));
    git(repo.root, 'commit', '-qam', 'off by one, and an eval');
    openPull();
  });
  afterEach(() => {
    sim.reset();
    github.reset();
    repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  });
  after(async () => {
    await sim.close();
    await github.close();
  });

  it('posts one review with comments on the changed lines; a second run edits them; a fixed finding is marked resolved', async () => {
    const first = await review();
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout) as JsonReport;
    const onChanged = report.findings.filter((f) => f.file === 'src/cart.js' && [4, 7].includes(f.startLine));
    const todo = report.findings.find((f) => f.startLine === 1);
    assert.equal(onChanged.length, 2, 'the off-by-one and the eval, both on changed lines');
    assert.ok(todo, 'the TODO on an unchanged line is reported (--all-lines)');

    assert.equal(github.reviews.length, 1, 'one review');
    assert.equal(github.reviews[0]!.commit_id, git(repo.root, 'rev-parse', 'HEAD').trim());
    assert.deepEqual(
      github.comments.map((c) => [c.path, c.line, markerOf(c.body)?.id]).sort(),
      onChanged.map((f) => ['src/cart.js', f.startLine, f.id]).sort(),
      "one comment per finding on a changed line, carrying the finding's fingerprint",
    );
    assert.ok(github.comments.every((c) => markerOf(c.body)?.state === 'open'));
    assert.match(github.reviews[0]!.body, /Not on a changed line \(1\)/);
    assert.ok(github.reviews[0]!.body.includes(todo.title), 'the finding off the diff is in the review body');
    assert.match(first.stderr, /Pull-request review: 2 new comments, 0 edited, 0 marked resolved/);

    // A new commit fixes the off-by-one; the eval stays on its changed line.
    writeFileSync(
      join(repo.root, 'src/cart.js'),
      [...cart.slice(0, 6), 'export const run = (expr) => eval(expr);', ''].join('\n'),
    );
    git(repo.root, 'commit', '-qam', 'fix the loop');
    openPull();
    const head = git(repo.root, 'rev-parse', 'HEAD').trim();
    github.log.length = 0;
    const second = await review();
    assert.equal(second.code, 0, second.stderr);
    assert.equal(github.reviews.length, 1, 'no second review');
    assert.equal(github.comments.length, 2, 'no new comments');
    const evalFinding = onChanged.find((f) => f.startLine === 7)!;
    const offByOne = onChanged.find((f) => f.startLine === 4)!;
    const evalComment = github.comments.find((c) => markerOf(c.body)?.id === evalFinding.id)!;
    const loopComment = github.comments.find((c) => markerOf(c.body)?.id === offByOne.id)!;
    assert.ok(evalComment.body.includes(`checked at ${head.slice(0, 7)}`), 'the standing comment is edited');
    assert.equal(markerOf(evalComment.body)?.state, 'open');
    assert.equal(markerOf(loopComment.body)?.state, 'resolved', 'the fixed finding is marked resolved');
    assert.match(loopComment.body, /Resolved/);
    assert.deepEqual(
      writes()
        .map((w) => w.method)
        .sort(),
      ['PATCH', 'PATCH', 'PUT'],
      'two comments edited and the review body updated, nothing posted',
    );

    // The same commit again: every comment already says it; nothing is written.
    github.log.length = 0;
    const third = await review();
    assert.equal(third.code, 0, third.stderr);
    assert.deepEqual(writes(), []);
    assert.match(third.stderr, /0 new comments, 0 edited, 0 marked resolved, 1 unchanged/);
  });

  it('leaves alone a comment that carries our marker but someone else wrote', async () => {
    const first = await review();
    assert.equal(first.code, 0, first.stderr);
    const forged = { ...github.comments[0]!, id: 1, user: { login: 'mallory', type: 'User' } };
    github.comments.push(forged);
    writeFileSync(join(repo.root, 'src/cart.js'), cart.join('\n'));
    git(repo.root, 'commit', '-qam', 'revert everything but the file');
    writeFileSync(join(repo.root, 'src/notes.js'), 'export const notes = 1;\n');
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', 'notes');
    openPull();
    github.log.length = 0;
    const second = await review();
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /2 marked resolved/, 'our own comments are resolved');
    assert.equal(github.comments.find((c) => c.id === 1)!.body, forged.body, "mallory's comment is untouched");
    assert.ok(!github.log.some((r) => r.path.endsWith('/pulls/comments/1')), 'not even tried');
  });

  it("a read-only token (a fork's pull request) gets a notice and exit 0; the reports are still written", async () => {
    const out = join(scratch, 'review.sarif');
    const run = await review(['--sarif', out], { GITHUB_TOKEN: 'ghs_fork', GITHUB_ACTIONS: 'true' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /::notice title=Claude Multi-Agent review comments::comments were not posted: GitHub posting the review: 403/,
    );
    assert.equal(github.comments.length, 0);
    assert.ok(JSON.parse(run.stdout), 'the JSON report');
  });

  it('refuses before anything is paid for: no token, no pull request, a pull request GitHub does not know', async () => {
    const noToken = await review([], { GITHUB_TOKEN: '' });
    assert.equal(noToken.code, 2, noToken.stderr);
    assert.match(noToken.stderr, /--github-review needs GITHUB_TOKEN/);
    const noPull = await review([], { GITHUB_EVENT_PATH: '' });
    assert.equal(noPull.code, 2, noPull.stderr);
    assert.match(noPull.stderr, /needs the pull request: --pr N/);
    const unknown = await review(['--pr', '99']);
    assert.equal(unknown.code, 3, unknown.stderr);
    assert.match(unknown.stderr, /404.*no such pull request/);
    const badToken = await review([], { GITHUB_TOKEN: 'ghs_wrong' });
    assert.equal(badToken.code, 3, badToken.stderr);
    assert.match(badToken.stderr, /401.*GITHUB_TOKEN was refused/);
    assert.equal(sim.log.length, 0, 'no request reached the model');
  });
});
