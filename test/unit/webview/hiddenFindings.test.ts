// Findings kept back by a diff scope (and, with the same row, by confidence or a verifier) are counted
// in the review panel and shown, marked, on one click.
import assert from 'node:assert/strict';
import type { FindingView, ReviewHostMessage, ReviewWebviewMessage } from '../../../src/shared/protocol';
import { mountReview, type ReviewPanel } from '../../../src/webview/review/reviewApp';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import { allByTestId, byTestId, click, createPage, FakeVsCodeApi, ManualFrames } from './helpers';

const init: ReviewHostMessage = {
  type: 'review/init',
  reviewId: 'r1',
  title: 'branch feature vs main (merge-base abc1234)',
  targets: ['src/cart.js'],
  sections: [{ id: 'correctness', title: 'Correctness' }],
  excluded: [],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
};

const finding = (id: string, line: number, extra: Partial<FindingView> = {}): FindingView => ({
  id,
  file: 'src/cart.js',
  startLine: line,
  endLine: line,
  severity: 'high',
  title: `Finding ${id}`,
  explanation: 'x',
  experts: ['Correctness'],
  hasFix: false,
  ...extra,
});

describe('webview: hidden findings', () => {
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
    return { ...page, panel };
  }

  it('counts unsupported and pre-existing findings apart; each shows the code it quotes and why the quote fails', () => {
    const { root, panel, win } = mount();
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [
        finding('on', 4, { evidence: 'total += price * qty;' }),
        finding('invented', 5, {
          hiddenBecause: 'unsupported',
          evidence: 'db.raw(input)',
          evidenceProblem: 'the code it quotes is not in lines 5-5 of src/cart.js',
        }),
        finding('old', 9, { hiddenBecause: 'preExisting' }),
      ],
    });
    assert.equal(byTestId(root, 'finding-evidence').textContent, 'total += price * qty;');
    assert.match(byTestId(root, 'findings-hidden-unsupported').textContent!, /^1 unsupported finding hidden · Show$/);
    assert.match(byTestId(root, 'findings-hidden-preExisting').textContent!, /^1 pre-existing finding hidden · Show$/);
    click(win, byTestId(root, 'findings-hidden-toggle-unsupported'));
    const invented = allByTestId(root, 'finding').find((f) => f.getAttribute('data-finding-id') === 'invented')!;
    assert.equal(
      invented.querySelector('[data-testid="finding-hidden-marker"]')?.textContent,
      'Unsupported: quote not in the cited code',
    );
    assert.equal(
      invented.querySelector('[data-testid="finding-evidence-problem"]')?.textContent,
      'Quote check: the code it quotes is not in lines 5-5 of src/cart.js.',
    );
  });

  it('counts findings outside the changed lines, lists them marked on Show, and hides them again', () => {
    const { root, panel, win } = mount();
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [
        finding('on', 4),
        finding('out1', 1, { hiddenBecause: 'outsideChanges' }),
        finding('out2', 20, { hiddenBecause: 'outsideChanges', severity: 'low' }),
      ],
    });
    assert.deepEqual(
      allByTestId(root, 'finding').map((f) => f.getAttribute('data-finding-id')),
      ['on'],
    );
    assert.match(byTestId(root, 'findings').querySelector('h2')!.textContent!, /Findings \(1\)/);
    const row = byTestId(root, 'findings-hidden-outsideChanges');
    assert.match(row.textContent!, /^2 findings outside the changed lines hidden · Show$/);

    click(win, byTestId(root, 'findings-hidden-toggle-outsideChanges'));
    const shown = allByTestId(root, 'finding');
    assert.deepEqual(shown.map((f) => f.getAttribute('data-finding-id')).sort(), ['on', 'out1', 'out2']);
    const marked = shown.filter((f) => f.getAttribute('data-hidden-because') === 'outsideChanges');
    assert.equal(marked.length, 2);
    for (const m of marked)
      assert.equal(m.querySelector('[data-testid="finding-hidden-marker"]')?.textContent, 'Outside the changed lines');
    assert.match(byTestId(root, 'findings-hidden-outsideChanges').textContent!, /· Hide$/);

    click(win, byTestId(root, 'findings-hidden-toggle-outsideChanges'));
    assert.equal(allByTestId(root, 'finding').length, 1);
  });

  it('keeps one row per reason, and none when nothing is hidden', () => {
    const { root, panel } = mount();
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [
        finding('a', 1, { hiddenBecause: 'lowConfidence' }),
        finding('b', 2, { hiddenBecause: 'outsideChanges' }),
      ],
    });
    assert.deepEqual(
      allByTestId(root, 'findings-hidden-lowConfidence').map((r) => r.textContent),
      ['1 low-confidence finding hidden · Show'],
    );
    assert.equal(allByTestId(root, 'findings-hidden-outsideChanges').length, 1);
    assert.equal(byTestId(root, 'findings-empty').textContent, 'No findings.');
    panel.handle({ type: 'review/findings', dropped: 0, findings: [finding('c', 3)] });
    assert.equal(byTestId(root, 'findings-hidden').hidden, true);
  });
});
