// Dismissals kept per workspace: what later reviews hide (the pipeline's DismissedFindings port),
// what the panel lists, and what Restore forgets.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { DismissalStore } from '../../../src/extension/review/dismissalStore';
import { findingsMessage, type ReviewSnapshot } from '../../../src/extension/review/reviewSnapshot';
import type { Finding } from '../../../src/review';

class MemoryMemento implements vscode.Memento {
  readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.data.has(key) ? (JSON.parse(JSON.stringify(this.data.get(key))) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
}

const finding = (id: string): Finding => ({
  id,
  file: 'a.ts',
  startLine: 1,
  endLine: 1,
  severity: 'high',
  title: id,
  explanation: '',
  experts: ['Security'],
});

describe('extension: dismissed findings', () => {
  it('keeps dismissals by fingerprint across reloads, with their reason', async () => {
    const memento = new MemoryMemento();
    await new DismissalStore(memento).add(finding('f1'), 'falsePositive');
    await new DismissalStore(memento).add(finding('f2'), 'wontFix');
    const reloaded = new DismissalStore(memento);
    assert.deepEqual([...(await reloaded.ids())].sort(), ['f1', 'f2']);
    assert.deepEqual(
      reloaded.list().map((d) => [d.finding.id, d.reason]),
      [
        ['f2', 'wontFix'],
        ['f1', 'falsePositive'],
      ],
    );
  });

  it('dismissing again replaces the entry; restore forgets it', async () => {
    const store = new DismissalStore(new MemoryMemento());
    await store.add(finding('f1'), 'falsePositive');
    await store.add(finding('f1'), 'fixed');
    assert.deepEqual(
      store.list().map((d) => d.reason),
      ['fixed'],
    );
    assert.equal((await store.restore('f1'))?.finding.id, 'f1');
    assert.equal((await store.ids()).size, 0);
    assert.equal(await store.restore('f1'), undefined);
  });

  it('ignores entries that are not dismissals', async () => {
    const memento = new MemoryMemento();
    await memento.update('claudeMultiAgent.dismissedFindings', [
      { nonsense: true },
      3,
      { finding: finding('ok'), reason: 'fixed', at: '2025-01-01' },
    ]);
    assert.deepEqual([...(await new DismissalStore(memento).ids())], ['ok']);
  });

  it('the panel gets the dismissed list and the re-review counts with each finding marked', () => {
    const snapshot = {
      findings: [finding('open'), finding('new')],
      dropped: 0,
      dismissed: [finding('gone-away')],
      reReview: { open: ['open'], gone: [finding('fixed')] },
    } as unknown as ReviewSnapshot;
    const message = findingsMessage(snapshot);
    assert.deepEqual(
      message.findings.map((f) => [f.id, f.reviewState]),
      [
        ['open', 'open'],
        ['new', 'new'],
      ],
    );
    assert.deepEqual(message.reReview, { new: 1, open: 1, fixed: 1 });
    assert.deepEqual(
      message.dismissed?.map((f) => [f.id, f.hiddenBecause]),
      [['gone-away', 'dismissed']],
    );
  });
});
