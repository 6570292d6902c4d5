import assert from 'node:assert/strict';
import type { ReviewHostMessage, ReviewWebviewMessage } from '../../../src/shared/protocol';
import { mountReview, type ReviewPanel } from '../../../src/webview/review/reviewApp';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import { allByTestId, byTestId, click, createPage, FakeVsCodeApi, key, ManualFrames } from './helpers';

const init: ReviewHostMessage = {
  type: 'review/init',
  reviewId: 'r1',
  title: 'Review of src/a.ts',
  targets: ['src/a.ts', 'src/b.ts'],
  sections: [
    { id: 'security', title: 'Security' },
    { id: 'perf', title: 'Performance' },
    { id: 'synthesis', title: 'Synthesis' },
  ],
  excluded: [
    { path: '.env', reason: 'secret file' },
    { path: 'big.bin', reason: 'binary', detail: '3 MB' },
  ],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
};

const findings: ReviewHostMessage = {
  type: 'review/findings',
  dropped: 2,
  findings: [
    {
      id: 'f-low',
      file: 'src/b.ts',
      startLine: 1,
      endLine: 1,
      severity: 'low',
      title: 'Naming',
      explanation: 'Rename `x`.',
      experts: ['Style'],
      hasFix: false,
    },
    {
      id: 'f-crit',
      file: 'src/a.ts',
      startLine: 10,
      endLine: 12,
      severity: 'critical',
      title: 'SQL injection',
      explanation: 'Use parameters. See [docs](https://example.com/sql).',
      experts: ['Security'],
      hasFix: true,
    },
    {
      id: 'f-high',
      file: 'src/a.ts',
      startLine: 5,
      endLine: 5,
      severity: 'high',
      title: 'Unbounded loop',
      explanation: 'Add a limit.',
      experts: ['Performance', 'Security'],
      hasFix: false,
    },
  ],
};

describe('webview: review panel', () => {
  let panels: ReviewPanel[] = [];
  afterEach(() => {
    for (const p of panels) p.dispose();
    panels = [];
  });

  function mount(initialState?: ReviewState) {
    const page = createPage();
    const api = new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>(initialState);
    const frames = new ManualFrames();
    let time = 0;
    const panel = mountReview(page.root, { win: page.win, api, frames, now: () => time });
    panels.push(panel);
    return { ...page, api, frames, panel, setTime: (t: number) => (time = t) };
  }

  it('waits for the host before showing a review', () => {
    const { root, api } = mount();
    assert.equal(byTestId(root, 'review-empty').hidden, false);
    assert.equal(allByTestId(root, 'section-security').length, 0);
    assert.deepEqual(api.posted, []);
  });

  it('shows the header, the simulated badge, what was left out and one section per expert', () => {
    const { root, panel } = mount();
    panel.handle(init);
    assert.equal(byTestId(root, 'review-title').textContent, 'Review of src/a.ts');
    assert.match(byTestId(root, 'review-targets').textContent!, /src\/a\.ts, src\/b\.ts/);
    assert.equal(byTestId(root, 'simulated-badge').hidden, false);
    const excluded = byTestId(root, 'excluded-list');
    assert.equal(excluded.hidden, false);
    assert.equal(excluded.tagName, 'DETAILS');
    assert.equal(allByTestId(excluded, 'excluded-item').length, 2);
    assert.match(excluded.textContent!, /big\.bin — binary \(3 MB\)/);
    assert.equal(byTestId(root, 'section-status-security').textContent, 'queued');
    assert.ok(byTestId(root, 'sections').contains(byTestId(root, 'section-perf')));
    assert.ok(
      byTestId(root, 'synthesis').contains(byTestId(root, 'section-synthesis')),
      'the synthesis has its own place',
    );
    assert.equal(byTestId(root, 'review-empty').hidden, true);
  });

  it('leads with the findings; each expert is a compact lane; the synthesis shows only its summary', () => {
    const { root, panel } = mount();
    panel.handle(init);
    const answer = JSON.stringify({
      summary: 'Two problems, one critical.',
      findings: [
        {
          file: 'src/a.ts',
          startLine: 10,
          endLine: 12,
          severity: 'critical',
          title: 'SQL injection',
          explanation: 'Use parameters.',
        },
      ],
    });
    panel.handle({
      type: 'review/update',
      updates: [
        { id: 'security', status: 'done', text: answer },
        { id: 'synthesis', status: 'done', text: answer },
      ],
    });
    panel.handle(findings);
    const list = byTestId(root, 'findings');
    const lanes = byTestId(root, 'sections');
    // DOCUMENT_POSITION_FOLLOWING: the lanes come after the findings the user acts on.
    assert.ok(list.compareDocumentPosition(lanes) & 4, 'findings first, lanes below');
    assert.ok(
      byTestId(root, 'synthesis').compareDocumentPosition(list) & 4,
      'the synthesis summary introduces the findings',
    );
    const live = byTestId(root, 'section-live-security') as HTMLDetailsElement;
    assert.equal(live.tagName, 'DETAILS');
    assert.equal(live.open, false, "an expert's live text is folded away");
    assert.ok(live.contains(byTestId(root, 'section-text-security')));
    const synthesisText = byTestId(root, 'section-text-synthesis').textContent!;
    assert.match(synthesisText, /Two problems, one critical\./);
    assert.doesNotMatch(synthesisText, /SQL injection/, 'the synthesis card does not repeat the findings');
    // Each finding's title appears once where it is visible: in the findings list.
    const visibleCopies = [...root.querySelectorAll('*')].filter(
      (e) => e.children.length === 0 && e.textContent === 'SQL injection' && !e.closest('details:not([open])'),
    );
    assert.equal(visibleCopies.length, 1);
  });

  it('marks a finding whose fix was applied as fixed, without "Apply fix"', () => {
    const { root, panel } = mount();
    panel.handle(init);
    const resolved =
      findings.type === 'review/findings'
        ? findings.findings.map((f) => (f.id === 'f-crit' ? { ...f, resolved: true } : f))
        : [];
    panel.handle({ type: 'review/findings', findings: resolved, dropped: 0 });
    const item = root.querySelector('[data-finding-id="f-crit"]')!;
    assert.equal(item.getAttribute('data-resolved'), 'true');
    assert.equal(byTestId(item as HTMLElement, 'finding-resolved').textContent, 'Fixed');
    assert.equal(item.querySelector('[data-testid="finding-apply-fix"]'), null);
  });

  it('shows a long left-out list as counts by reason, the first items and where the rest is', () => {
    const { root, panel } = mount();
    const counts = {
      total: 1900,
      byReason: [
        { reason: 'budget', count: 1850 },
        { reason: 'gitignore', count: 50 },
      ],
    };
    panel.handle({ ...init, excludedCounts: counts } as ReviewHostMessage);
    const excluded = byTestId(root, 'excluded-list');
    assert.match(excluded.querySelector('summary')!.textContent!, /^1900 items left out/);
    assert.equal(byTestId(excluded, 'excluded-counts').textContent, '1850 budget · 50 gitignore');
    assert.equal(allByTestId(excluded, 'excluded-item').length, 2);
    assert.match(byTestId(excluded, 'excluded-more').textContent!, /and 1898 more.*output/);
  });

  it('hides the excluded list and the badge when there is nothing to say', () => {
    const { root, panel } = mount();
    panel.handle({ ...init, excluded: [], simulated: false } as ReviewHostMessage);
    assert.equal(byTestId(root, 'excluded-list').hidden, true);
    assert.equal(byTestId(root, 'simulated-badge').hidden, true);
  });

  it('streams Markdown into a section once per frame, with status, elapsed time and tokens', () => {
    const { root, panel, frames, setTime } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/update',
      updates: [{ id: 'security', status: 'streaming', append: '## Risk\n\n', elapsedMs: 1000 }],
    });
    panel.handle({
      type: 'review/update',
      updates: [{ id: 'security', append: 'Use `prepare()`.', outputTokens: 42 }],
    });
    assert.equal(byTestId(root, 'section-text-security').textContent, '', 'not rendered before the frame');
    frames.runFrame();
    const text = byTestId(root, 'section-text-security');
    assert.equal(text.querySelector('h2')?.textContent, 'Risk');
    assert.equal(text.querySelector('code')?.textContent, 'prepare()');
    assert.equal(byTestId(root, 'section-status-security').textContent, 'streaming');
    assert.equal(byTestId(root, 'section-security').dataset['status'], 'streaming');
    assert.equal(byTestId(root, 'section-tokens-security').textContent, '42 tokens');
    assert.equal(byTestId(root, 'section-elapsed-security').textContent, '1.0 s');
    // Between host reports the clock runs on from the last one (redrawn here by an update without elapsedMs).
    setTime(2500);
    panel.handle({ type: 'review/update', updates: [{ id: 'security', outputTokens: 43 }] });
    assert.equal(byTestId(root, 'section-elapsed-security').textContent, '3.5 s');
  });

  it('ticks the elapsed time of running sections on its own', async () => {
    const { root, panel, setTime } = mount();
    panel.handle(init);
    panel.handle({ type: 'review/update', updates: [{ id: 'security', status: 'streaming', elapsedMs: 0 }] });
    setTime(1200);
    await new Promise((resolve) => setTimeout(resolve, 260));
    assert.equal(byTestId(root, 'section-elapsed-security').textContent, '1.2 s');
  });

  it('keeps partial text when an expert fails or is cancelled, and says so', () => {
    const { root, panel, frames } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/update',
      updates: [
        { id: 'security', status: 'streaming', append: 'Partial **security** text' },
        { id: 'perf', status: 'streaming', append: 'Partial perf text' },
      ],
    });
    frames.runFrame();
    panel.handle({
      type: 'review/update',
      updates: [
        { id: 'security', status: 'failed', note: 'overloaded (529)' },
        { id: 'perf', status: 'cancelled' },
      ],
    });
    assert.equal(byTestId(root, 'section-text-security').textContent?.trim(), 'Partial security text');
    assert.equal(byTestId(root, 'section-status-security').textContent, 'failed');
    assert.equal(byTestId(root, 'section-note-security').textContent, 'failed: overloaded (529)');
    assert.equal(byTestId(root, 'section-note-security').hidden, false);
    assert.equal(byTestId(root, 'section-text-perf').textContent?.trim(), 'Partial perf text');
    assert.equal(byTestId(root, 'section-status-perf').textContent, 'cancelled');
  });

  it('offers Stop and Retry on every expert lane of a grouped review, never on a group’s judges', () => {
    const { root, panel, frames } = mount();
    panel.handle({
      ...init,
      sections: [
        { id: 'security', title: 'Security (group 1 of 2)' },
        { id: 'synthesis', title: 'Synthesis (group 1 of 2)' },
        { id: 'security@2', title: 'Security (group 2 of 2)' },
        { id: 'synthesis@2', title: 'Synthesis (group 2 of 2)' },
        { id: 'verification@2', title: 'Verification (group 2 of 2)' },
      ],
    } as ReviewHostMessage);
    panel.handle({
      type: 'review/update',
      updates: ['security@2', 'synthesis@2', 'verification@2'].map((id) => ({ id, status: 'streaming' as const })),
    });
    frames.runFrame();
    assert.equal(byTestId(root, 'lane-stop-security@2').hidden, false, 'a second group’s expert can be stopped');
    for (const judge of ['synthesis@2', 'verification@2'])
      assert.equal(allByTestId(root, `lane-stop-${judge}`).length, 0, `${judge} has no Stop`);
  });

  it('shows retry notes and announces status changes politely', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/update',
      updates: [{ id: 'perf', status: 'waiting', note: 'rate limited, retrying in 2 s' }],
    });
    assert.equal(byTestId(root, 'section-note-perf').textContent, 'rate limited, retrying in 2 s');
    const live = byTestId(root, 'live-region');
    assert.equal(live.getAttribute('aria-live'), 'polite');
    assert.match(live.textContent!, /Performance: rate limited/);
    panel.handle({ type: 'review/update', updates: [{ id: 'perf', status: 'done', note: '' }] });
    assert.equal(live.textContent, 'Performance: done');
    assert.equal(byTestId(root, 'section-note-perf').hidden, true);
  });

  it('creates a section for an id it was not told about rather than dropping its text', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({ type: 'review/update', updates: [{ id: 'extra', status: 'done', text: 'late output' }] });
    assert.equal(byTestId(root, 'section-text-extra').textContent?.trim(), 'late output');
  });

  it('groups findings by severity, most severe first, and wires their actions', () => {
    const { root, panel, api, win } = mount();
    panel.handle(init);
    panel.handle(findings);
    const items = allByTestId(root, 'finding');
    assert.deepEqual(
      items.map((f) => f.dataset['findingId']),
      ['f-crit', 'f-high', 'f-low'],
    );
    assert.deepEqual(
      ['critical', 'high', 'low'].map((s) => allByTestId(root, `finding-group-${s}`).length),
      [1, 1, 1],
    );
    assert.equal(allByTestId(root, 'finding-group-medium').length, 0);
    assert.match(byTestId(root, 'findings-dropped').textContent!, /^2 findings were left out/);
    for (const item of items) assert.equal(item.getAttribute('tabindex'), '0');

    const critical = items[0]!;
    assert.match(critical.textContent!, /src\/a\.ts:10–12/);
    click(win, critical.querySelector('.finding-title')!);
    key(win, items[1]!, 'Enter');
    click(win, byTestId(critical, 'finding-apply-fix'));
    click(win, byTestId(items[1]!, 'finding-ask'));
    assert.equal(allByTestId(items[1]!, 'finding-apply-fix').length, 0, 'no Apply fix without a fix');
    click(win, critical.querySelector('a')!);
    assert.deepEqual(api.posted, [
      { type: 'openFinding', findingId: 'f-crit' },
      { type: 'openFinding', findingId: 'f-high' },
      { type: 'applyFix', findingId: 'f-crit' },
      { type: 'askFollowUp', findingId: 'f-high' },
      { type: 'openLink', href: 'https://example.com/sql' },
    ]);
  });

  it('shows confidence, agreement and the verdict; counts hidden findings per reason and lists them on Show', () => {
    const { root, panel, win, api } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [
        {
          id: 'f-sure',
          file: 'src/a.ts',
          startLine: 3,
          endLine: 3,
          severity: 'high',
          title: 'Race',
          explanation: '',
          experts: ['Security', 'Performance', 'Style'],
          hasFix: false,
          confidence: 92,
          agreement: 3,
          verification: { verdict: 'confirmed', reason: 'Line 3 shows it.' },
        },
        {
          id: 'f-unsure-1',
          file: 'src/a.ts',
          startLine: 8,
          endLine: 8,
          severity: 'medium',
          title: 'Maybe a leak',
          explanation: '',
          experts: ['Style'],
          hasFix: false,
          confidence: 40,
          agreement: 1,
          hiddenBecause: 'lowConfidence',
        },
        {
          id: 'f-unsure-2',
          file: 'src/b.ts',
          startLine: 2,
          endLine: 2,
          severity: 'low',
          title: 'Maybe unused',
          explanation: '',
          experts: ['Style'],
          hasFix: false,
          confidence: 30,
          hiddenBecause: 'lowConfidence',
        },
        {
          id: 'f-refuted',
          file: 'src/b.ts',
          startLine: 9,
          endLine: 9,
          severity: 'high',
          title: 'Not a bug',
          explanation: '',
          experts: ['Security'],
          hasFix: false,
          confidence: 80,
          verification: { verdict: 'refuted', reason: 'Guarded on line 7.' },
          hiddenBecause: 'refuted',
        },
      ],
    });
    assert.equal(root.querySelector('.findings-heading')!.textContent, 'Findings (1)');
    assert.deepEqual(
      allByTestId(root, 'finding').map((f) => f.dataset['findingId']),
      ['f-sure'],
    );
    const sure = allByTestId(root, 'finding')[0]!;
    assert.equal(byTestId(sure, 'finding-scores').textContent, '92% · 3 experts');
    assert.equal(byTestId(sure, 'finding-verdict').textContent, 'Verified');
    assert.equal(byTestId(sure, 'finding-verification').textContent, 'Verifier: Line 3 shows it.');
    assert.equal(
      byTestId(root, 'findings-hidden-lowConfidence').textContent,
      '2 low-confidence findings hidden · Show',
    );
    assert.equal(byTestId(root, 'findings-hidden-refuted').textContent, '1 refuted finding hidden · Show');

    click(win, byTestId(root, 'findings-hidden-toggle-lowConfidence'));
    assert.deepEqual(
      allByTestId(root, 'finding').map((f) => f.dataset['findingId']),
      ['f-sure', 'f-unsure-1', 'f-unsure-2'],
    );
    const unsure = allByTestId(root, 'finding')[1]!;
    assert.equal(byTestId(unsure, 'finding-hidden-marker').textContent, 'Low confidence');
    assert.equal(byTestId(unsure, 'finding-scores').textContent, '40% · 1 expert');
    assert.equal(
      root.querySelector('.findings-heading')!.textContent,
      'Findings (1)',
      'the count is of findings shown by default',
    );
    assert.equal(byTestId(root, 'findings-hidden-toggle-lowConfidence').textContent, 'Hide');
    click(win, unsure.querySelector('.finding-title')!);
    assert.deepEqual(
      api.posted.at(-1),
      { type: 'openFinding', findingId: 'f-unsure-1' },
      'a hidden finding opens like any other',
    );

    click(win, byTestId(root, 'findings-hidden-toggle-lowConfidence'));
    assert.deepEqual(
      allByTestId(root, 'finding').map((f) => f.dataset['findingId']),
      ['f-sure'],
    );

    click(win, byTestId(root, 'findings-hidden-toggle-refuted'));
    const refuted = allByTestId(root, 'finding').find((f) => f.dataset['findingId'] === 'f-refuted')!;
    assert.equal(byTestId(refuted, 'finding-hidden-marker').textContent, 'Refuted');
    assert.equal(allByTestId(refuted, 'finding-verdict').length, 0, 'said once, not twice');
    assert.equal(byTestId(refuted, 'finding-verification').textContent, 'Verifier: Guarded on line 7.');
  });

  it('shows "No findings." with the hidden count when every finding is hidden', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({
      type: 'review/findings',
      dropped: 0,
      findings: [
        {
          id: 'h',
          file: 'src/a.ts',
          startLine: 1,
          endLine: 1,
          severity: 'low',
          title: 'Hunch',
          explanation: '',
          experts: [],
          hasFix: false,
          confidence: 20,
          hiddenBecause: 'lowConfidence',
        },
      ],
    });
    assert.equal(byTestId(root, 'findings-empty').textContent, 'No findings.');
    assert.equal(byTestId(root, 'findings-hidden-lowConfidence').textContent, '1 low-confidence finding hidden · Show');
  });

  it('says so when there are no findings', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({ type: 'review/findings', findings: [], dropped: 0 });
    assert.equal(byTestId(root, 'findings-empty').textContent, 'No findings.');
    assert.equal(byTestId(root, 'findings-dropped').hidden, true);
  });

  it('shows the cost line', () => {
    const { root, panel } = mount();
    panel.handle(init);
    assert.equal(byTestId(root, 'cost').hidden, true);
    panel.handle({
      type: 'review/cost',
      cost: {
        usage: { input: 12345, output: 678, cacheWrite: 9000, cacheRead: 40000 },
        cost: '$0.0123',
        saved: '$0.0400',
      },
    });
    assert.equal(
      byTestId(root, 'cost').textContent,
      'Tokens in 12,345 · out 678 · cache write 9,000 · cache read 40,000 · Cost $0.0123 · Saved $0.0400',
    );
  });

  it('has real toolbar buttons for cancel, export and follow-up; cancel goes away when the review ends', () => {
    const { root, panel, api, win } = mount();
    panel.handle(init);
    const cancel = byTestId(root, 'cancel');
    assert.equal(cancel.tagName, 'BUTTON');
    assert.ok(cancel.getAttribute('aria-label'));
    click(win, cancel);
    assert.equal((cancel as HTMLButtonElement).disabled, true);
    click(win, byTestId(root, 'export'));
    click(win, byTestId(root, 'ask-follow-up'));
    assert.deepEqual(api.posted, [{ type: 'cancel' }, { type: 'export' }, { type: 'askFollowUp' }]);
    panel.handle({ type: 'review/done', status: 'cancelled', message: 'by user' });
    assert.equal(cancel.hidden, true);
    assert.equal(byTestId(root, 'run-status').textContent, 'Review cancelled: by user');
  });

  it('offers "Add expert…" once the review has finished, and not while it (or an added expert) runs', () => {
    const { root, panel, api, win } = mount();
    panel.handle(init);
    const add = byTestId(root, 'add-expert') as HTMLButtonElement;
    assert.equal(add.hidden, true);
    panel.handle({ type: 'review/done', status: 'completed' });
    panel.handle({ type: 'review/expertsLeft', count: 2 });
    assert.equal(add.hidden, false);
    click(win, add);
    assert.deepEqual(api.posted, [{ type: 'addExpert' }]);
    // The host rebuilds the panel with the added lane before the synthesis while it runs.
    panel.handle({
      ...init,
      sections: [...init.sections.slice(0, 2), { id: 'docs', title: 'Docs' }, init.sections[2]!],
    } as ReviewHostMessage);
    assert.equal(add.hidden, true);
    const lanes = [...root.querySelectorAll('[data-testid="sections"] [data-section-id]')].map((e) =>
      e.getAttribute('data-section-id'),
    );
    assert.deepEqual(lanes, ['security', 'perf', 'docs']);
  });

  it('one cost summary per review: the running total while it runs, only the cost line once it has finished', () => {
    const { root, panel } = mount();
    panel.handle(init);
    const usage = { input: 1200, output: 300, cacheWrite: 1000, cacheRead: 0 };
    panel.handle({
      type: 'review/laneCost',
      lane: { sectionId: 'security', tokens: usage, cost: '$0.0100', final: true, total: '$0.0100' },
    });
    const total = byTestId(root, 'run-total');
    assert.equal(total.hidden, false);
    assert.match(total.textContent ?? '', /Running total \$0\.0100/);
    panel.handle({ type: 'review/cost', cost: { usage, cost: '$0.0100' } });
    panel.handle({ type: 'review/done', status: 'completed' });
    const summaries = [total, byTestId(root, 'cost')].filter((e) => !e.hidden);
    assert.equal(summaries.length, 1, 'the cost is said once');
    assert.match(summaries[0]!.textContent ?? '', /Cost \$0\.0100/);
    // A late lane figure (or a replay) does not bring the running total back beside it.
    panel.handle({
      type: 'review/laneCost',
      lane: { sectionId: 'perf', tokens: usage, cost: '$0.0000', final: true, total: '$0.0100' },
    });
    assert.equal(total.hidden, true);
  });

  it('a finished review shows the estimate beside what it cost', () => {
    const { root, panel } = mount();
    panel.handle(init);
    const usage = { input: 1200, output: 300, cacheWrite: 1000, cacheRead: 0 };
    panel.handle({ type: 'review/cost', cost: { usage, cost: '$0.0210', estimate: '≈ $0.03–0.09' } });
    panel.handle({ type: 'review/done', status: 'completed' });
    const line = byTestId(root, 'cost').textContent ?? '';
    assert.match(line, /Estimated ≈ \$0\.03–0\.09 · Cost \$0\.0210/);
  });

  it('does not offer "Add expert…" when every expert has already run on the review', () => {
    const { root, panel } = mount();
    panel.handle(init);
    const add = byTestId(root, 'add-expert') as HTMLButtonElement;
    panel.handle({ type: 'review/done', status: 'completed' });
    panel.handle({ type: 'review/expertsLeft', count: 0 });
    assert.equal(add.hidden, true, 'no expert left to add');
    // Until the host says how many are left, nothing is offered either.
    panel.handle(init);
    panel.handle({ type: 'review/done', status: 'completed' });
    assert.equal(add.hidden, true);
  });

  it('saves its state and restores it when the panel is shown again', () => {
    const first = mount();
    first.panel.handle(init);
    first.panel.handle({
      type: 'review/update',
      updates: [{ id: 'security', status: 'done', append: 'Final **text**', outputTokens: 7, elapsedMs: 4000 }],
    });
    first.panel.handle(findings);
    first.panel.handle({
      type: 'review/cost',
      cost: { usage: { input: 1, output: 2, cacheWrite: 3, cacheRead: 4 }, cost: '$0.0001' },
    });
    first.panel.handle({ type: 'review/done', status: 'completed' });
    const saved = first.api.state!;
    assert.equal(saved.sections.find((s) => s.id === 'security')?.text, 'Final **text**');

    const second = mount(saved);
    assert.equal(byTestId(second.root, 'review-title').textContent, 'Review of src/a.ts');
    assert.equal(byTestId(second.root, 'section-text-security').querySelector('strong')?.textContent, 'text');
    assert.equal(byTestId(second.root, 'section-status-security').textContent, 'done');
    assert.equal(allByTestId(second.root, 'finding').length, 3);
    assert.match(byTestId(second.root, 'cost').textContent!, /\$0\.0001/);
    assert.equal(byTestId(second.root, 'cancel').hidden, true);
    assert.equal(byTestId(second.root, 'run-status').textContent, 'Review complete');
  });

  it('names a sweep as a sweep in its outcome line, also after the panel is restored', () => {
    const first = mount();
    first.panel.handle({ ...init, kind: 'sweep' });
    first.panel.handle({ type: 'review/done', status: 'completed' });
    assert.equal(byTestId(first.root, 'run-status').textContent, 'Sweep complete');
    const second = mount(first.api.state!);
    assert.equal(byTestId(second.root, 'run-status').textContent, 'Sweep complete');
  });

  it('starts over on a new init (the host replays text after it)', () => {
    const { root, panel } = mount();
    panel.handle(init);
    panel.handle({ type: 'review/update', updates: [{ id: 'security', status: 'done', text: 'old' }] });
    panel.handle(init);
    panel.handle({ type: 'review/update', updates: [{ id: 'security', status: 'done', text: 'replayed' }] });
    assert.equal(byTestId(root, 'section-text-security').textContent?.trim(), 'replayed');
    assert.equal(allByTestId(root, 'section-security').length, 1);
  });

  it('ignores saved state of an unknown shape', () => {
    const { root } = mount({ version: 99 } as unknown as ReviewState);
    assert.equal(byTestId(root, 'review-empty').hidden, false);
  });
});
