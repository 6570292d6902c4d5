// The review panel's re-review line and its list of dismissed findings, each restorable.
import assert from 'node:assert/strict';
import type { ReviewHostMessage, ReviewWebviewMessage } from '../../../src/shared/protocol';
import { mountReview, type ReviewPanel } from '../../../src/webview/review/reviewApp';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import { allByTestId, byTestId, click, createPage, FakeVsCodeApi, ManualFrames } from './helpers';

const init: ReviewHostMessage = {
  type: 'review/init',
  reviewId: 'r1',
  title: 'Review: a.ts',
  targets: ['a.ts'],
  sections: [{ id: 'security', title: 'Security' }],
  excluded: [],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
};
const sql = {
  id: 'f-sql',
  file: 'a.ts',
  startLine: 7,
  endLine: 7,
  severity: 'critical' as const,
  title: 'SQL injection',
  explanation: '',
  experts: ['Security'],
  hasFix: true,
};
const loop = {
  id: 'f-loop',
  file: 'a.ts',
  startLine: 17,
  endLine: 17,
  severity: 'high' as const,
  title: 'Off by one',
  explanation: '',
  experts: ['Security'],
  hasFix: false,
};

describe('webview: re-review status and dismissed findings', () => {
  let panels: ReviewPanel[] = [];
  afterEach(() => {
    for (const p of panels) p.dispose();
    panels = [];
  });

  function mount(state?: ReviewState) {
    const page = createPage();
    const api = new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>(state);
    const panel = mountReview(page.root, { win: page.win, api, frames: new ManualFrames(), now: () => 0 });
    panels.push(panel);
    return { ...page, api, panel };
  }

  it('says how the review compares with the last one and marks each finding new or still open', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [{ ...loop, reviewState: 'open' }],
      reReview: { new: 0, open: 1, fixed: 2 },
    });
    assert.equal(
      byTestId(root, 'findings-rereview').textContent,
      '0 new · 1 still open · 2 fixed since the last review',
    );
    assert.equal(byTestId(root, 'finding-review-state').textContent, 'Still open');
  });

  it('lists dismissed findings with a count, and Restore asks the host to bring one back', () => {
    const { root, panel, api, win } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [loop],
      dismissed: [{ ...sql, hiddenBecause: 'dismissed' }],
    });
    assert.equal(byTestId(root, 'findings-dismissed').hidden, false);
    assert.equal(byTestId(root, 'findings-dismissed-count').textContent, '1 dismissed finding');
    assert.equal(allByTestId(root, 'dismissed-finding').length, 1);
    click(win, byTestId(root, 'finding-restore'));
    assert.deepEqual(api.posted.at(-1), { type: 'restoreFinding', findingId: 'f-sql' });
  });

  it('keeps both across a reload of the webview', () => {
    const first = mount();
    first.panel.handle(init);
    first.panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [loop],
      dismissed: [sql],
      reReview: { new: 1, open: 0, fixed: 0 },
    });
    first.panel.handle({ type: 'review/done', status: 'completed' }); // saves the state at once
    const saved = first.api.state;
    const { root } = mount(saved);
    assert.equal(byTestId(root, 'findings-dismissed-count').textContent, '1 dismissed finding');
    assert.match(byTestId(root, 'findings-rereview').textContent!, /^1 new/);
  });

  it('shows neither when there is nothing to say', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({ type: 'review/findings', dropped: 0, findings: [loop] });
    assert.equal(byTestId(root, 'findings-rereview').hidden, true);
    assert.equal(byTestId(root, 'findings-dismissed').hidden, true);
  });
});
