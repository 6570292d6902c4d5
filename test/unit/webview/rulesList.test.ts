import assert from 'node:assert/strict';
import type { ReviewHostMessage, ReviewWebviewMessage } from '../../../src/shared/protocol';
import { mountReview, type ReviewPanel } from '../../../src/webview/review/reviewApp';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import { allByTestId, byTestId, click, createPage, FakeVsCodeApi, ManualFrames } from './helpers';

const init: ReviewHostMessage = {
  type: 'review/init',
  reviewId: 'r1',
  title: 'Review of scripts/seed.ts',
  targets: ['scripts/seed.ts'],
  sections: [{ id: 'security', title: 'Security' }],
  excluded: [],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
};

describe('webview: project rules and dismissing in the review panel', () => {
  const panels: ReviewPanel[] = [];
  afterEach(() => panels.splice(0).forEach((p) => p.dispose()));

  function mount(initialState?: ReviewState) {
    const page = createPage();
    const api = new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>(initialState);
    const panel = mountReview(page.root, { win: page.win, api, frames: new ManualFrames(), now: () => 0 });
    panels.push(panel);
    return { ...page, api, panel };
  }

  it('lists the rules files with their tokens and what they suppressed, and keeps them across a reload', () => {
    const { root, panel, api } = mount();
    panel.handle(init);
    assert.equal(byTestId(root, 'rules-list').hidden, true, 'hidden until the host says which were read');
    panel.handle({
      type: 'review/rules',
      rules: {
        files: [
          { path: 'REVIEW.md', tokens: 42, suppressed: 2 },
          { path: 'CLAUDE.md', tokens: 10, suppressed: 0 },
        ],
        leftOut: [{ path: 'AGENTS.md', detail: 'needs about 900 tokens' }],
        suppressedElsewhere: 0,
      },
    });
    const list = byTestId(root, 'rules-list');
    assert.equal(list.hidden, false);
    assert.equal(byTestId(root, 'rules-summary').textContent, '2 rules files used · 2 findings suppressed by them');
    const items = allByTestId(root, 'rules-item');
    assert.deepEqual(
      items.map((i) => i.textContent),
      ['REVIEW.md — about 42 tokens; suppressed 2 findings', 'CLAUDE.md — about 10 tokens'],
    );
    assert.match(byTestId(root, 'rules-left-out').textContent!, /AGENTS.md — not used: needs about 900 tokens/);

    const restored = mount(api.state);
    assert.equal(allByTestId(restored.root, 'rules-item').length, 2);
  });

  it('says when the rules were not read because the workspace is not trusted', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({ type: 'review/rules', rules: { files: [], leftOut: [], suppressedElsewhere: 0, untrusted: true } });
    assert.match(byTestId(root, 'rules-list').textContent!, /not read: the workspace is not trusted/);
  });

  it('for a branch or commit, says where the rules were read and lists changed rules files as not applied', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/rules',
      rules: {
        files: [{ path: 'CLAUDE.md', tokens: 12, suppressed: 0 }],
        leftOut: [],
        suppressedElsewhere: 0,
        readAt: 'the merge-base abc1234',
        changed: ['REVIEW.md'],
      },
    });
    assert.equal(
      byTestId(root, 'rules-summary').textContent,
      '1 rules file used (from the merge-base abc1234) · 1 rules file changed, not applied',
    );
    const changed = byTestId(root, 'rules-changed');
    assert.equal(changed.textContent, 'REVIEW.md — rules changed in this change (not applied)');
    assert.equal(changed.getAttribute('data-path'), 'REVIEW.md');

    // A change that only adds a rules file, to a project with none: the list still shows it.
    panel.handle({
      type: 'review/rules',
      rules: { files: [], leftOut: [], suppressedElsewhere: 0, readAt: 'HEAD abc1234', changed: ['CLAUDE.md'] },
    });
    assert.equal(byTestId(root, 'rules-list').hidden, false);
    assert.equal(allByTestId(root, 'rules-changed').length, 1);
  });

  it('each finding has a Dismiss button that asks the host', () => {
    const { root, panel, api, win } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [
        {
          id: 'f1',
          file: 'scripts/seed.ts',
          startLine: 3,
          endLine: 3,
          severity: 'critical',
          title: 'SQL',
          explanation: '',
          experts: ['Security'],
          hasFix: false,
        },
      ],
    });
    click(win, byTestId(root, 'finding-dismiss'));
    assert.deepEqual(api.posted, [{ type: 'dismissFinding', findingId: 'f1' }]);
  });
});
