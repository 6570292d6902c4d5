// Diff scopes tell the pipeline which lines they changed, numbered in the new text, so findings
// elsewhere in the surrounding code can be kept back (claudeMultiAgent.review.changedLinesOnly).
import assert from 'node:assert/strict';
import { changedRanges } from '../../../src/review/context/changedLines';
import { parseUnifiedDiff } from '../../../src/review/context/diffParser';
import { gatherContext } from '../../../src/review/context/gatherContext';
import { partitionFindings } from '../../../src/review/findings';
import type { Finding } from '../../../src/review/findings';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';

const diff = (...lines: string[]) =>
  ['diff --git a/src/a.ts b/src/a.ts', '--- a/src/a.ts', '+++ b/src/a.ts', ...lines, ''].join('\n');
const rangesOf = (text: string) => changedRanges(parseUnifiedDiff(text)[0]!);

const MODIFIED = diff(
  '@@ -10,7 +10,8 @@ export function sum(values: number[]) {',
  '   let total = 0;',
  '-  for (let i = 0; i < values.length; i++) {',
  '+  for (let i = 0; i <= values.length; i++) {',
  '+    // changed bound',
  '     total += values[i];',
  '   }',
  '   // TODO: overflow',
  '   return total;',
  ' }',
  '@@ -40,5 +41,4 @@ export function mean(values: number[]) {',
  '   const n = values.length;',
  '-  if (n === 0) return 0;',
  '   return sum(values) / n;',
  ' }',
);

describe('review context: changed lines of a diff', () => {
  it('counts added and modified lines, numbered in the new text, merged into ranges', () => {
    assert.deepEqual(rangesOf(MODIFIED)[0], { startLine: 11, endLine: 12 });
  });

  it('marks the lines on either side of a pure deletion, so a finding there still counts', () => {
    assert.deepEqual(rangesOf(MODIFIED)[1], { startLine: 41, endLine: 42 });
    assert.equal(rangesOf(MODIFIED).length, 2);
  });

  it('marks the neighbour that exists when a deletion is at the start or the end of the hunk', () => {
    assert.deepEqual(rangesOf(diff('@@ -1,3 +1,2 @@', '-import x;', ' const a = 1;', ' const b = 2;')), [
      { startLine: 1, endLine: 1 },
    ]);
    assert.deepEqual(rangesOf(diff('@@ -5,3 +5,2 @@', ' const a = 1;', ' const b = 2;', '-const c = 3;')), [
      { startLine: 6, endLine: 6 },
    ]);
    assert.deepEqual(rangesOf(diff('@@ -5,1 +4,0 @@', '-const c = 3;')), [{ startLine: 4, endLine: 4 }]);
  });

  it('counts every line of a new file', () => {
    const added = [
      'diff --git a/src/n.ts b/src/n.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/n.ts',
      '@@ -0,0 +1,3 @@',
      '+a',
      '+b',
      '+c',
      '',
    ].join('\n');
    assert.deepEqual(changedRanges(parseUnifiedDiff(added)[0]!), [{ startLine: 1, endLine: 3 }]);
  });

  it('gathering a diff fills changedLines for the files it includes, and the partition hides findings outside them', async () => {
    const ctx = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: '/work/project',
      target: { kind: 'diff', diffText: MODIFIED },
      budgetTokens: 50_000,
    });
    assert.deepEqual(ctx.changedLines?.get('src/a.ts'), [
      { startLine: 11, endLine: 12 },
      { startLine: 41, endLine: 42 },
    ]);
    const at = (line: number): Finding => ({
      id: `f${line}`,
      file: 'src/a.ts',
      startLine: line,
      endLine: line,
      severity: 'low',
      title: `line ${line}`,
      explanation: '',
      experts: ['x'],
    });
    const { shown, hidden } = partitionFindings([at(11), at(15), at(42)], { changedLines: ctx.changedLines! });
    assert.deepEqual(
      shown.map((f) => f.startLine),
      [11, 42],
    );
    assert.deepEqual(
      hidden.map((h) => [h.finding.startLine, h.reason]),
      [[15, 'outsideChanges']],
    );
  });

  it('the listing shows context around each hunk and marks changed lines, and names the scope it was given', async () => {
    const ctx = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: '/work/project',
      target: { kind: 'diff', diffText: MODIFIED, describes: 'the changes of branch feature against main' },
      budgetTokens: 50_000,
    });
    assert.match(ctx.systemText, /The code under review is the changes of branch feature against main\./);
    assert.match(ctx.systemText, / {2}11\|\+ {2}for \(let i = 0; i <= values\.length; i\+\+\) \{/);
    assert.match(ctx.systemText, / {2}15\| {3}\/\/ TODO: overflow/);
    const plain = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: '/work/project',
      target: { kind: 'diff', diffText: MODIFIED },
      budgetTokens: 50_000,
    });
    assert.match(plain.systemText, /uncommitted changes/);
  });

  it('gathers no changed lines for files and selections', async () => {
    const ctx = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: '/work/project',
      target: { kind: 'selection', path: 'src/a.ts', startLine: 1, endLine: 1, text: 'x' },
      budgetTokens: 50_000,
    });
    assert.equal(ctx.changedLines, undefined);
  });
});
