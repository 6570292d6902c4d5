import assert from 'node:assert/strict';
import { leftOutLogText, LEFT_OUT_SHOWN, summariseLeftOut } from '../../../src/review/context/leftOutSummary';
import type { ExcludedFile } from '../../../src/review/context/types';

/** What a default-budget walk of a big workspace leaves out: mostly files over the budget. */
function bigLeftOut(): ExcludedFile[] {
  const list: ExcludedFile[] = [
    { path: 'node_modules/', reason: 'always-skipped', detail: 'node_modules/ is installed dependencies' },
  ];
  for (let i = 0; i < 1850; i++) {
    list.push({
      path: `src/module${i}/index.ts`,
      reason: 'budget',
      detail: 'needs about 900 tokens; about 12 of the 60000-token budget were left',
      tokens: 900,
      bytes: 3600,
    });
  }
  for (let i = 0; i < 49; i++)
    list.push({ path: `logs/run${i}.log`, reason: 'gitignore', detail: "ignored by '*.log' in .gitignore" });
  return list;
}

describe('review context: left-out summary', () => {
  it('keeps counts by reason and the first few dozen paths, not the whole list', () => {
    const summary = summariseLeftOut(bigLeftOut());
    assert.equal(summary.total, 1900);
    assert.deepEqual(summary.byReason, [
      { reason: 'budget', count: 1850 },
      { reason: 'gitignore', count: 49 },
      { reason: 'always-skipped', count: 1 },
    ]);
    assert.equal(summary.shown.length, LEFT_OUT_SHOWN);
    assert.equal(summary.shown[0]?.path, 'logs/run0.log', 'by path');
    assert.ok(!summary.shown.some((e) => e.reason === 'always-skipped'), 'real omissions come first');
    // What a review stores is a few kilobytes, not the 300 KB list.
    assert.ok(JSON.stringify(summary).length < 8_000, `${JSON.stringify(summary).length} bytes`);
  });

  it('shows every item when there are few, skipped folders last', () => {
    const summary = summariseLeftOut([
      { path: 'node_modules/', reason: 'always-skipped', detail: 'dependencies' },
      { path: 'z.bin', reason: 'binary', detail: 'binary file type' },
    ]);
    assert.deepEqual(
      summary.shown.map((e) => e.path),
      ['z.bin', 'node_modules/'],
    );
  });

  it('writes the full list for the log one item per line under a counted header', () => {
    const text = leftOutLogText('Review of src', bigLeftOut());
    const lines = text.split('\n');
    assert.equal(lines.length, 1901);
    assert.equal(lines[0], 'Left out of Review of src: 1900 item(s) (1850 budget, 49 gitignore, 1 always-skipped)');
    assert.ok(
      lines.includes(
        '  src/module1849/index.ts — budget: needs about 900 tokens; about 12 of the 60000-token budget were left',
      ),
    );
  });
});
