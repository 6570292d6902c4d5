// The status bar says today's spend on reviews (the number a daily budget is about), the last review's
// cost in its tooltip (issue 28). Driven through the real controller, pipeline and SDK against the
// simulator (editorHarness.ts); today's spend is read back from where the extension keeps it.
import assert from 'node:assert/strict';
import { formatUsd } from '../../../src/core';
import { DailySpend } from '../../../src/extension/budget/dailySpend';
import { EditorWindow, standIn } from './editorHarness';

describe('extension: the cost in the status bar', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
  });
  afterEach(() => w.close());

  it('shows today’s total across reviews, with the last review’s cost in the tooltip', async () => {
    await w.review('src/orders.ts');
    await w.review('src/orders.ts');
    const item = standIn.statusBarItems.find((i) => i.name === 'Claude Multi-Agent cost');
    assert.ok(item, 'the cost item is in the status bar');
    const today = new DailySpend(w.globalState).spentToday();
    const last = w.lastPosted<{ type: string; cost: { cost: string } }>(w.panel(), 'review/cost')!.cost.cost;
    assert.ok(today > 0, 'the reviews cost something');
    assert.notEqual(formatUsd(today), last, 'two reviews cost more than the last one');
    assert.match(item.text, new RegExp(`${formatUsd(today).replace(/[$.]/g, '\\$&')} today`));
    const tooltip = (item.tooltip as { value: string }).value;
    assert.match(tooltip, new RegExp(`Last review:\\*\\* ${last.replace(/[$.]/g, '\\$&')}`));
  });

  it('a finished review’s cost carries the estimate made before it ran, as the log said it', async () => {
    await w.review('src/orders.ts');
    const cost = w.lastPosted<{ type: string; cost: { cost: string; estimate?: string } }>(w.panel(), 'review/cost')!;
    assert.match(cost.cost.estimate ?? '', /^≈ \$[\d.]+–[\d.]+$/);
  });
});
