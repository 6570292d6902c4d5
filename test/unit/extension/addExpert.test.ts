// "Add expert…" is offered only while some expert has not run on the finished review (issue 28): the
// host tells the panel how many are left once the review finishes and again after experts were added.
// Driven through the real controller, pipeline and SDK against the simulator (editorHarness.ts).
import assert from 'node:assert/strict';
import { EditorWindow, standIn } from './editorHarness';

const FILE = 'src/orders.ts';

describe('extension: adding experts to a finished review', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
  });
  afterEach(() => w.close());

  const expertsLeft = () => w.lastPosted<{ type: string; count: number }>(w.panel(), 'review/expertsLeft')?.count;

  it('every expert ran (the default): none left, so "Add expert…" is not offered', async () => {
    await w.review(FILE);
    assert.equal(expertsLeft(), 0);
  });

  it('tells the panel how many experts are left, and none once the rest were added', async () => {
    await w.workspaceState.update('claudeMultiAgent.selectedExperts', ['security']);
    await w.review(FILE);
    const panel = w.panel();
    const reviewId = w.lastPosted<{ type: string; reviewId: string }>(panel, 'review/init')!.reviewId;
    const left = expertsLeft();
    assert.ok(left !== undefined && left > 0, `only Security ran: ${left}`);

    let offered = -1;
    standIn.answerQuickPick = (items) => ((offered = items.length), items);
    await w.run('claudeMultiAgent.addExpert', reviewId);
    assert.equal(offered, left, 'the pick offers exactly the experts the panel counted');
    assert.equal(expertsLeft(), 0, 'every expert has run: "Add expert…" is no longer offered');
  });
});
