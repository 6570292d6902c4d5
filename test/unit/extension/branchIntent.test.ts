// Issue 26: the editor's branch review asks what the change is for (after the base is chosen). What the
// user types reaches every expert's request as the author's intent, beside the commit messages; empty
// is fine; Escape cancels the review before anything is sent. Driven through the real controller,
// git and SDK against the simulator (editorHarness.ts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { EditorWindow, standIn } from './editorHarness';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  });

/** The sample workspace as a repository: main, then a feature branch with one commit. */
async function branchAhead(root: string): Promise<void> {
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Sample');
  git(root, 'checkout', '-q', '-b', 'feature');
  const file = join(root, 'src/orders.ts');
  await fsp.appendFile(file, '\nexport const withTax = (total: number) => total * 1.2;\n');
  git(root, 'commit', '-q', '-am', 'Add a tax helper');
}

/** The system text of each expert request the simulator received. */
const expertSystems = (w: EditorWindow): string[] =>
  w.sim.log
    .map((e) => JSON.stringify(e.body?.['system'] ?? ''))
    .filter((_, i) => JSON.stringify(w.sim.log[i]!.body?.['messages'] ?? '').includes('<review-request'));

describe('extension: what the change is for, in a branch review', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  let asked: Array<{ title?: string }>;
  beforeEach(async () => {
    w = await EditorWindow.open();
    await branchAhead(w.root);
    standIn.answerQuickPick = (items) => (items as Array<{ ref?: string }>).find((i) => i.ref === 'main');
    asked = [];
  });
  afterEach(() => w.close());

  it('what the user typed reaches every expert request, with the commit messages', async () => {
    standIn.answerInputBox = (options) => (asked.push(options as { title?: string }), 'Totals now include VAT at 20%');
    await w.run('claudeMultiAgent.reviewBranch');
    assert.equal(asked.length, 1, JSON.stringify(standIn.notices));
    assert.match(asked[0]!.title ?? '', /What is this change for\?.*main/);
    const systems = expertSystems(w);
    assert.ok(systems.length >= 2, `expert requests: ${systems.length}`);
    for (const system of systems) {
      assert.match(system, /<author-intent>/);
      assert.match(system, /What this change is for: Totals now include VAT at 20%/);
      assert.match(system, /Add a tax helper/);
    }
  });

  it('left empty, the review goes on with the commit messages alone', async () => {
    standIn.answerInputBox = () => '';
    await w.run('claudeMultiAgent.reviewBranch');
    const systems = expertSystems(w);
    assert.ok(systems.length >= 2);
    for (const system of systems) {
      assert.match(system, /Add a tax helper/);
      assert.doesNotMatch(system, /What this change is for/);
    }
  });

  it('Escape cancels the review: nothing is sent', async () => {
    standIn.answerInputBox = () => undefined;
    await w.run('claudeMultiAgent.reviewBranch');
    assert.equal(w.sim.log.length, 0);
  });
});
