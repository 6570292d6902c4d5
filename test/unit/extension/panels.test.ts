// The review and delegation panels on the shared webview host, against the stand-in `vscode` module:
// what their page receives around `ready`, what reaches their handlers, and what happens once closed.
import assert from 'node:assert/strict';
import type { ReviewPanel as ReviewPanelClass } from '../../../src/extension/review/reviewPanel';
import type { ReviewSnapshot } from '../../../src/extension/review/reviewSnapshot';
import type { DelegatePanel as DelegatePanelClass } from '../../../src/extension/delegate/delegatePanel';
import type { ReviewWebviewMessage, SectionUpdate } from '../../../src/shared/protocol';
import { ClaudeInvocationError, addCosts, emptyUsage, silentLogger, type RetryNotice } from '../../../src/core';
import type { DelegationView as DelegationViewClass } from '../../../src/extension/delegate/delegationView';
import type { SubtaskChannels } from '../../../src/extension/delegate/subtaskChannels';
import type { Services } from '../../../src/extension/services';
import { fakeContext, installFakeVscode, panels, type FakePanel } from '../../bench/fakeVscode';

let ReviewPanel: typeof ReviewPanelClass;
let DelegatePanel: typeof DelegatePanelClass;
let DelegationView: typeof DelegationViewClass;

const snapshot = (): ReviewSnapshot => ({
  reviewId: 'r1',
  title: 'Review: src/a.ts',
  rootUri: 'file:///w',
  targets: ['src/a.ts'],
  reviewedFiles: ['src/a.ts'],
  sections: [
    { id: 'security', title: 'Security' },
    { id: 'synthesis', title: 'Synthesis' },
  ],
  excluded: [],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
  state: {},
  findings: [],
  dropped: 0,
});

type Received = { type: string; updates?: SectionUpdate[] };

/** A section's text as the page has it after applying every update it received, in order. */
function pageText(panel: FakePanel, id: string): string {
  let text = '';
  for (const m of panel.webview.received as Received[]) {
    if (m.type.endsWith('/init')) text = '';
    for (const u of m.updates ?? []) {
      if (u.id !== id) continue;
      if (u.text !== undefined) text = u.text;
      if (u.append) text += u.append;
    }
  }
  return text;
}
const types = (panel: FakePanel): string[] => (panel.webview.received as Received[]).map((m) => m.type);

describe('extension: panels on the webview host', () => {
  before(async () => {
    installFakeVscode();
    ({ ReviewPanel } = await import('../../../src/extension/review/reviewPanel'));
    ({ DelegatePanel } = await import('../../../src/extension/delegate/delegatePanel'));
    ({ DelegationView } = await import('../../../src/extension/delegate/delegationView'));
  });

  describe('the review panel', () => {
    let handled: ReviewWebviewMessage[];
    let disposed: number;
    const open = (): [ReviewPanelClass, FakePanel] => {
      handled = [];
      disposed = 0;
      const panel = new ReviewPanel(
        fakeContext().extensionUri as never,
        snapshot(),
        (m) => handled.push(m),
        () => disposed++,
      );
      return [panel, panels.at(-1)!];
    };

    it('streams that began before the page was ready reach it once, then as appended deltas', () => {
      const [panel, fake] = open();
      assert.match(fake.webview.html, /Content-Security-Policy/);
      assert.match(fake.webview.html, /script-src 'nonce-/);
      panel.setStatus('security', 'streaming');
      panel.append('security', '{"summary":"The handler ');
      panel.flush();
      assert.deepEqual(fake.webview.received, [], 'nothing before ready');

      fake.webview.fromPage({ type: 'ready' });
      assert.deepEqual(types(fake), ['review/init', 'review/update']);
      panel.append('security', 'trusts its input."}');
      panel.setStatus('security', 'done');
      panel.showDone();
      assert.equal(pageText(fake, 'security'), '{"summary":"The handler trusts its input."}');
      const last = (fake.webview.received as Received[]).at(-1)!;
      assert.deepEqual(
        last.updates?.map((u) => u.append ?? u.text),
        ['trusts its input."}'],
        'only the delta after the replay',
      );
      panel.dispose();
    });

    it('a reloaded page and another review in the same panel each start from the snapshot', () => {
      const [panel, fake] = open();
      fake.webview.fromPage({ type: 'ready' });
      panel.append('security', 'one ');
      panel.flush();
      fake.webview.fromPage({ type: 'ready' });
      panel.append('security', 'two');
      panel.flush();
      assert.equal(pageText(fake, 'security'), 'one two');
      panel.load({ ...snapshot(), reviewId: 'r2' });
      assert.equal(types(fake).filter((t) => t === 'review/init').length, 3);
      assert.equal(pageText(fake, 'security'), '');
      assert.equal(panel.snapshot.reviewId, 'r2');
      panel.dispose();
    });

    it('passes only protocol messages to its handler, never `ready`', () => {
      const [panel, fake] = open();
      fake.webview.fromPage({ type: 'ready' });
      fake.webview.fromPage({ type: 'openFinding' });
      fake.webview.fromPage({ type: 'openFinding', findingId: 'f1', extra: true });
      fake.webview.fromPage({ type: 'dismissFinding', findingId: 'f1' });
      assert.deepEqual(handled, [{ type: 'dismissFinding', findingId: 'f1' }]);
      panel.dispose();
    });

    it('closed by the user: tells its owner once, posts nothing more, holds no listener', () => {
      const [panel, fake] = open();
      fake.webview.fromPage({ type: 'ready' });
      const before = fake.webview.received.length;
      fake.close();
      assert.equal(disposed, 1);
      assert.equal(panel.visible, false);
      panel.append('security', 'late');
      panel.flush();
      panel.showDone();
      panel.dispose();
      assert.equal(fake.webview.received.length, before);
      assert.equal(fake.webview.listeners, 0);
      assert.equal(disposed, 1);
    });
  });

  describe('the delegation panel', () => {
    it('replays sections, agent logs, changes, cost and outcome on ready; closing stops the run', () => {
      const calls: string[] = [];
      const panel = new DelegatePanel(
        fakeContext().extensionUri as never,
        {
          task: 'Do it',
          title: 'Delegation: Do it',
          sections: [
            { id: 'subtask-1', title: 'Part 1' },
            { id: 'integration', title: 'Integration' },
          ],
          simulated: true,
        },
        {
          cancel: () => calls.push('cancel'),
          stopSubtask: (id) => calls.push(`stop ${id}`),
          openResult: () => calls.push('openResult'),
          closed: () => calls.push('closed'),
        },
        silentLogger,
      );
      const fake = panels.at(-1)!;
      panel.update({ id: 'subtask-1', status: 'streaming' });
      panel.update({ id: 'subtask-1', append: 'Done ' });
      panel.agent('subtask-1', { steps: [{ text: 'read a.ts' }], proposals: [], running: true });
      assert.deepEqual(fake.webview.received, []);

      fake.webview.fromPage({ type: 'ready' });
      panel.update({ id: 'subtask-1', append: 'part one.' });
      panel.finish('completed', 'All done.');
      assert.deepEqual(types(fake), [
        'delegate/init',
        'delegate/update',
        'delegate/agent',
        'delegate/update',
        'delegate/done',
      ]);
      assert.equal(pageText(fake, 'subtask-1'), 'Done part one.');

      fake.webview.fromPage({ type: 'stopSubtask', id: 'subtask-1' });
      fake.webview.fromPage({ type: 'stopSubtask' });
      fake.close();
      assert.deepEqual(calls, ['stop subtask-1', 'closed']);
      assert.equal(panel.isOpen, false);
      assert.equal(fake.webview.listeners, 0);
    });
  });

  describe('the delegation view, applying the run’s events', () => {
    const KEY = 'sk-ant-api03-' + 'x'.repeat(40);
    const notice = (attempt: number): RetryNotice => ({
      attempt,
      maxAttempts: 4,
      delayMs: 1500,
      error: new ClaudeInvocationError(`529 overloaded_error: Overloaded (${KEY})`, 529, { kind: 'overloaded' }),
    });
    const lastUpdate = (fake: FakePanel, id: string): SectionUpdate => {
      const state: SectionUpdate = { id };
      for (const m of fake.webview.received as Received[])
        for (const u of m.updates ?? []) if (u.id === id) Object.assign(state, u);
      return state;
    };

    it('a retried request shows its note until its text flows again, then streams without it', () => {
      const lines: string[] = [];
      const channel = { append: (t: string) => lines.push(t), appendLine: (t: string) => lines.push(`${t}\n`) };
      const services = {
        context: fakeContext(),
        logger: silentLogger,
        keys: { known: () => [KEY] },
      } as unknown as Services;
      const subtasks = [{ id: 'subtask-1', title: 'Part 1', instructions: 'Do part 1.' }];
      const view = new DelegationView(
        services,
        { get: () => channel } as unknown as SubtaskChannels,
        { task: 'Do it', subtasks, agents: false, cancelled: () => false },
        { cancel() {}, openResult() {}, closed() {} },
      );
      const fake = panels.at(-1)!;
      fake.webview.fromPage({ type: 'ready' });
      const flush = () => (view.panel as unknown as { batcher: { flush(): void } }).batcher.flush();

      view.apply({ type: 'subtaskStart', index: 0 });
      view.apply({ type: 'subtaskRetry', index: 0, notice: notice(2) });
      flush();
      const waiting = lastUpdate(fake, 'subtask-1');
      assert.equal(waiting.status, 'waiting');
      assert.match(
        waiting.note ?? '',
        /^529 overloaded_error: Overloaded \(\[REDACTED\]\) Retrying in 1\.5 s \(attempt 2 of 4\)\.$/,
      );
      assert.ok(!JSON.stringify(fake.webview.received).includes(KEY), 'the key never reaches the page');

      view.apply({ type: 'subtaskStart', index: 0 });
      view.apply({ type: 'subtaskText', index: 0, text: 'Part one, ' });
      flush();
      assert.deepEqual(
        { status: lastUpdate(fake, 'subtask-1').status, note: lastUpdate(fake, 'subtask-1').note },
        { status: 'streaming', note: '' },
      );

      view.apply({ type: 'integrationStart' });
      view.apply({ type: 'integrationRetry', notice: notice(2) });
      flush();
      assert.equal(lastUpdate(fake, 'integration').status, 'waiting');
      view.apply({ type: 'integrationText', text: 'The answer' });
      flush();
      const integrating = lastUpdate(fake, 'integration');
      assert.deepEqual({ status: integrating.status, note: integrating.note }, { status: 'streaming', note: '' });
      assert.equal(pageText(fake, 'integration'), 'The answer');
      assert.equal(pageText(fake, 'subtask-1'), 'Part one, ');
      assert.ok(lines.includes('Part one, '), 'the subtask streams into its channel too');

      view.apply({
        type: 'integrationDone',
        outcome: {
          status: 'completed',
          text: 'The answer',
          missing: [],
          usage: emptyUsage(),
          cost: addCosts([]),
          elapsedMs: 5,
        },
      });
      flush();
      assert.equal(lastUpdate(fake, 'integration').status, 'done');
      fake.close();
    });
  });
});
