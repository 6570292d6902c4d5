// Issue 26, "every changed line is reviewed": an editor branch review larger than the context budget
// is split into context groups (as the command line's is), so every changed file reaches the experts
// instead of being left out. Driven through the real controller, git and SDK against the simulator.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { EditorWindow, standIn } from './editorHarness';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, stdio: 'pipe' });

/** A module of about `lines` short functions (each line ~12 tokens). */
const moduleText = (name: string, lines: number) =>
  Array.from(
    { length: lines },
    (_, i) => `export const ${name}${i} = (value: number) => value * ${i} + ${i % 7};`,
  ).join('\n') + '\n';

const CHANGED = ['src/alpha.ts', 'src/beta.ts', 'src/gamma.ts', 'src/delta.ts', 'src/epsilon.ts', 'src/zeta.ts'];

describe('extension: an over-budget branch review reviews every changed file', function () {
  this.timeout(90_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
    git(w.root, 'init', '-q', '-b', 'main');
    git(w.root, 'add', '-A');
    git(w.root, 'commit', '-q', '-m', 'Sample');
    git(w.root, 'checkout', '-q', '-b', 'feature');
    for (const path of CHANGED) await fsp.writeFile(join(w.root, path), moduleText(path.slice(4, -3), 60));
    git(w.root, 'add', '-A');
    git(w.root, 'commit', '-q', '-m', 'Six modules');
    standIn.answerQuickPick = (items) => (items as Array<{ ref?: string }>).find((i) => i.ref === 'main');
    standIn.answerInputBox = () => '';
    // About 4,500 tokens of changes against a 2,000-token budget: one block cannot hold them.
    standIn.settings.set('claudeMultiAgent.contextTokenBudget', 2000);
  });
  afterEach(() => w.close());

  it('every changed file is in some expert request, over more than one cached block', async () => {
    await w.run('claudeMultiAgent.reviewBranch');
    const systems = w.sim.log
      .filter((e) => JSON.stringify(e.body?.['messages'] ?? '').includes('<review-request'))
      .map((e) => JSON.stringify(e.body?.['system'] ?? ''));
    const sent = new Set(systems.flatMap((s) => [...s.matchAll(/<file path=\\"([^"\\]+)\\"/g)].map((m) => m[1]!)));
    for (const path of CHANGED) assert.ok(sent.has(path), `${path} reviewed (sent: ${[...sent].join(', ')})`);
    assert.ok(new Set(systems).size > 1, 'the change was split into several blocks');
  });
});
