// `npm start` turns its copy of the sample workspace into a repository, so every review scope has
// something to review: a branch ahead of main whose change holds a bug on a changed line, and an
// uncommitted change with one of its own. The fixture itself stays a plain folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveScope } from '../../../src/node/gitScopes';
import { parseUnifiedDiff } from '../../../src/review/context';
import {
  BRANCH_BUG,
  BRANCH_FILE,
  DEMO_BASE,
  DEMO_BRANCH,
  initDemoRepo,
  UNCOMMITTED_FILE,
} from '../../e2e/harness/demoRepo';
import { SAMPLE_WORKSPACE } from '../../e2e/harness/paths';
import { demoFindings } from '../../support/demoResponder';

/** The added lines of a diff, as the demo reviewer would read them in a listing. */
function addedListing(diffText: string): string {
  return parseUnifiedDiff(diffText)
    .map((file) => {
      const rows = file.hunks.flatMap((h) =>
        h.lines.filter((l) => l.kind === 'added').map((l) => `${String(l.newLine).padStart(4)}|+${l.text}`),
      );
      return `<file path="${file.newPath}">\n${rows.join('\n')}\n</file>`;
    })
    .join('\n');
}

describe('npm start: the sample workspace as a git repository', () => {
  let dir: string;
  let ws: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cma-demo-repo-'));
    ws = join(dir, 'ws');
    cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
    assert.equal(initDemoRepo(ws), true);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has history on main and the feature branch checked out; a second start changes nothing; the fixture carries no .git', () => {
    assert.ok(Number(git('rev-list', '--count', DEMO_BASE).trim()) >= 2);
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD').trim(), DEMO_BRANCH);
    const head = git('rev-parse', 'HEAD');
    assert.equal(initDemoRepo(ws), false, 'a second start leaves the repository as it is');
    assert.equal(git('rev-parse', 'HEAD'), head);
    assert.equal(existsSync(join(SAMPLE_WORKSPACE, '.git')), false);
  });

  it('the branch is ahead of main, and "Review branch against base" finds its bug on a changed line', async () => {
    assert.ok(Number(git('rev-list', '--count', `${DEMO_BASE}..${DEMO_BRANCH}`).trim()) >= 1, 'commits ahead of main');
    const scope = await resolveScope(ws, { kind: 'base', base: DEMO_BASE });
    assert.match(scope.title, /^branch feature\/last-page vs main \(merge-base [0-9a-f]{7}\)$/);
    const changed = parseUnifiedDiff(scope.diffText);
    assert.deepEqual(
      changed.map((f) => f.newPath),
      [BRANCH_FILE],
    );
    const bugLine = changed[0]!.hunks.flatMap((h) => h.lines).find((l) => l.text.trim() === BRANCH_BUG);
    assert.equal(bugLine?.kind, 'added', 'the bug is on a line the branch changed');
    const found = demoFindings(addedListing(scope.diffText));
    assert.ok(
      found.some((f) => f.file === BRANCH_FILE && f.startLine === bugLine.newLine && /Off-by-one/.test(f.title)),
      JSON.stringify(found),
    );
  });

  it('keeps an uncommitted change with a bug of its own, outside the branch review', async () => {
    assert.deepEqual(git('status', '--porcelain').trimEnd().split('\n'), [` M ${UNCOMMITTED_FILE}`]);
    const scope = await resolveScope(ws, { kind: 'uncommitted' });
    const found = demoFindings(addedListing(scope.diffText));
    assert.ok(
      found.some((f) => f.file === UNCOMMITTED_FILE && /SQL/.test(f.title)),
      JSON.stringify(found),
    );
    const branch = await resolveScope(ws, { kind: 'base', base: DEMO_BASE });
    assert.doesNotMatch(branch.diffText, /ordersTagged/, 'the branch review covers the commits only');
  });
});
