// The review panel while the synthesis has not judged the experts' findings yet: each is listed at once,
// marked "Provisional" in words and in its accessible name, without a fix to apply; the judged list
// replaces them; findings the synthesis never judged read "Not merged".
import assert from 'node:assert/strict';
import type { FindingView, ReviewHostMessage, ReviewWebviewMessage } from '../../../src/shared/protocol';
import { mountReview, type ReviewPanel } from '../../../src/webview/review/reviewApp';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import { allByTestId, byTestId, createPage, FakeVsCodeApi, ManualFrames } from './helpers';

const init: ReviewHostMessage = {
  type: 'review/init',
  reviewId: 'r1',
  title: 'Review of src/a.ts',
  targets: ['src/a.ts'],
  sections: [
    { id: 'security', title: 'Security' },
    { id: 'synthesis', title: 'Synthesis' },
  ],
  excluded: [],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
};

const sql = (extra: Partial<FindingView> = {}): FindingView => ({
  id: 'f-sql',
  file: 'src/a.ts',
  startLine: 10,
  endLine: 10,
  severity: 'critical',
  title: 'SQL injection',
  explanation: 'Use parameters.',
  experts: ['Security'],
  hasFix: false,
  ...extra,
});

describe('webview: provisional findings in the review panel', () => {
  let panels: ReviewPanel[] = [];
  afterEach(() => {
    for (const p of panels) p.dispose();
    panels = [];
  });

  function mount() {
    const page = createPage();
    const api = new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>();
    const panel = mountReview(page.root, { win: page.win, api, frames: new ManualFrames(), now: () => 0 });
    panels.push(panel);
    panel.handle(init);
    return { root: page.root, panel };
  }

  it('marks an expert’s finding provisional, visibly and in its accessible name, until the judged list replaces it', () => {
    const { root, panel } = mount();
    panel.handle({ type: 'review/findings', findings: [sql({ provisional: 'pending' })], dropped: 0 });
    const item = byTestId(root, 'finding');
    assert.equal(byTestId(item, 'finding-provisional').textContent, 'Provisional');
    assert.match(
      item.getAttribute('aria-label')!,
      /^Critical, provisional, not yet judged by the synthesis: SQL injection/,
    );
    assert.equal(item.getAttribute('data-provisional'), 'pending');
    assert.match(root.querySelector('.findings-heading')!.textContent!, /Findings \(1, provisional\)/);
    assert.equal(allByTestId(item, 'finding-apply-fix').length, 0, 'nothing to apply before it is judged');
    assert.equal(allByTestId(item, 'finding-dismiss').length, 0, 'nor to dismiss');

    panel.handle({ type: 'review/findings', findings: [sql({ id: 'f-merged', hasFix: true })], dropped: 0 });
    assert.equal(allByTestId(root, 'finding-provisional').length, 0, 'the judged findings replace them');
    assert.equal(root.querySelector('.findings-heading')!.textContent, 'Findings (1)');
  });

  it('a finding the synthesis never judged reads "Not merged"', () => {
    const { root, panel } = mount();
    panel.handle({ type: 'review/findings', findings: [sql({ provisional: 'unmerged' })], dropped: 0 });
    const item = byTestId(root, 'finding');
    assert.equal(byTestId(item, 'finding-provisional').textContent, 'Not merged');
    assert.match(item.getAttribute('aria-label')!, /not merged, the synthesis did not judge it/);
  });
});

describe('webview: the review panel before the plan', () => {
  it('says the review is gathering, with how far it got, until the init replaces it', () => {
    const page = createPage();
    const api = new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>();
    const panel = mountReview(page.root, { win: page.win, api, frames: new ManualFrames(), now: () => 0 });
    try {
      panel.handle({ type: 'review/gathering', title: 'Review: src/a.ts', message: 'Reading files… 3 of 40' });
      const placeholder = byTestId(page.root, 'review-empty');
      assert.equal(placeholder.hidden, false);
      assert.equal(placeholder.textContent, 'Review: src/a.ts: Reading files… 3 of 40');
      assert.equal(placeholder.getAttribute('data-phase'), 'gathering');
      panel.handle(init);
      assert.equal(placeholder.hidden, true);
      assert.equal(allByTestId(page.root, 'section-security').length, 1);
    } finally {
      panel.dispose();
    }
  });
});
