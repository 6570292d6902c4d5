import assert from 'node:assert/strict';
import type { DelegateWebviewMessage } from '../../../src/shared/protocol';
import { mountDelegate, type DelegatePanel } from '../../../src/webview/delegate/delegateApp';
import type { DelegateState } from '../../../src/webview/delegate/delegateState';
import { byTestId, click, createPage, FakeVsCodeApi, ManualFrames } from './helpers';

describe('webview: delegation panel', () => {
  let panels: DelegatePanel[] = [];
  afterEach(() => {
    for (const p of panels) p.dispose();
    panels = [];
  });

  function mount(initialState?: DelegateState) {
    const page = createPage();
    const api = new FakeVsCodeApi<DelegateWebviewMessage, DelegateState>(initialState);
    const panel = mountDelegate(page.root, { win: page.win, api, frames: new ManualFrames() });
    panels.push(panel);
    return { ...page, api, panel };
  }

  it('shows the task, one section per subtask and the integration step below them', () => {
    const { root, panel } = mount();
    panel.handle({
      type: 'delegate/init',
      task: 'Add validation <everywhere>',
      sections: [
        { id: 's1', title: 'users.ts' },
        { id: 's2', title: 'orders.ts' },
        { id: 'integration', title: 'Integration' },
      ],
      simulated: false,
    });
    assert.equal(byTestId(root, 'delegate-task').textContent, 'Add validation <everywhere>');
    assert.ok(byTestId(root, 'sections').contains(byTestId(root, 'section-s1')));
    assert.ok(byTestId(root, 'sections').contains(byTestId(root, 'section-s2')));
    assert.ok(byTestId(root, 'integration').contains(byTestId(root, 'section-integration')));
    assert.equal(byTestId(root, 'simulated-badge').hidden, true);
  });

  it('streams, cancels, shows the cost and opens the result once done', () => {
    const { root, panel, api, win } = mount();
    panel.handle({ type: 'delegate/init', task: 't', sections: [{ id: 's1', title: 'One' }], simulated: true });
    const open = byTestId(root, 'open-result') as HTMLButtonElement;
    assert.equal(open.disabled, true);
    panel.handle({ type: 'delegate/update', updates: [{ id: 's1', status: 'streaming', append: 'partial' }] });
    click(win, byTestId(root, 'cancel'));
    panel.handle({ type: 'delegate/update', updates: [{ id: 's1', status: 'cancelled' }] });
    panel.handle({
      type: 'delegate/cost',
      cost: { usage: { input: 10, output: 5, cacheWrite: 0, cacheRead: 0 }, cost: 'unknown' },
    });
    panel.handle({ type: 'delegate/done', status: 'cancelled' });
    assert.equal(byTestId(root, 'section-text-s1').textContent?.trim(), 'partial');
    assert.equal(byTestId(root, 'section-status-s1').textContent, 'cancelled');
    assert.match(byTestId(root, 'cost').textContent!, /Cost unknown/);
    assert.equal(byTestId(root, 'cancel').hidden, true);
    assert.equal(open.disabled, false);
    click(win, open);
    assert.deepEqual(api.posted, [{ type: 'cancel' }, { type: 'openResult' }]);
  });

  it('restores from saved state', () => {
    const first = mount();
    first.panel.handle({
      type: 'delegate/init',
      task: 'task',
      sections: [{ id: 's1', title: 'One' }],
      simulated: false,
    });
    first.panel.handle({ type: 'delegate/update', updates: [{ id: 's1', status: 'done', text: 'result' }] });
    first.panel.handle({ type: 'delegate/done', status: 'completed' });
    const second = mount(first.api.state);
    assert.equal(byTestId(second.root, 'section-text-s1').textContent?.trim(), 'result');
    assert.equal(byTestId(second.root, 'run-status').textContent, 'Task complete');
  });

  it("shows each sub-agent's steps, refusals, proposals and cost, with a Stop button while it runs, and keeps them on restore", () => {
    const first = mount();
    const { root, panel, api, win } = first;
    panel.handle({
      type: 'delegate/init',
      task: 't',
      sections: [
        { id: 's1', title: 'Users' },
        { id: 'integration', title: 'Integration' },
      ],
      simulated: false,
    });
    panel.handle({
      type: 'delegate/agent',
      id: 's1',
      agent: {
        steps: [
          { text: 'read src/users.ts 1–80' },
          { text: 'read .env', error: 'Refused: .env may not be read (<b>secret</b>).' },
        ],
        proposals: ['src/users.ts 2–2: Validate.'],
        running: true,
      },
    });
    const card = byTestId(root, 'agent-log-s1');
    assert.deepEqual(
      [...card.querySelectorAll('li.agent-step')].map((li) => li.textContent),
      ['read src/users.ts 1–80', 'read .env — Refused: .env may not be read (<b>secret</b>).'],
    );
    assert.equal(card.querySelector('b'), null, 'text only, never HTML');
    assert.equal(byTestId(card, 'agent-proposals').textContent, 'src/users.ts 2–2: Validate.');
    click(win, byTestId(card, 'stop-agent'));
    assert.deepEqual(api.posted, [{ type: 'stopSubtask', id: 's1' }]);
    panel.handle({
      type: 'delegate/agent',
      id: 's1',
      agent: { steps: [], proposals: ['x'], running: false, cost: '$0.0100', partial: 'stopped' },
    });
    panel.handle({ type: 'delegate/changes', summary: '1 proposed edit in 1 file.', canReview: true });
    assert.equal(byTestId(byTestId(root, 'agent-log-s1'), 'stop-agent').hidden, true);
    assert.equal(byTestId(byTestId(root, 'agent-log-s1'), 'agent-meta').textContent, 'finished · stopped · $0.0100');
    click(win, byTestId(root, 'review-changes'));
    assert.deepEqual(api.posted.at(-1), { type: 'reviewChanges' });
    panel.handle({ type: 'delegate/done', status: 'completed' });
    const second = mount(api.state);
    assert.equal(byTestId(second.root, 'changes-summary').textContent, '1 proposed edit in 1 file.');
    assert.equal(
      byTestId(byTestId(second.root, 'agent-log-s1'), 'agent-meta').textContent,
      'finished · stopped · $0.0100',
    );
  });
});
