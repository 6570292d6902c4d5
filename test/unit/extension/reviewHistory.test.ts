import assert from 'node:assert/strict';
import { silentLogger } from '../../../src/core';
import { ReviewHistory } from '../../../src/extension/review/reviewHistory';
import type { ReviewSnapshot } from '../../../src/extension/review/reviewSnapshot';
import { MemoryMemento } from '../../support/memoryMemento';

const snapshot = (id: string, startedAt: string, raw = ''): ReviewSnapshot => ({
  reviewId: id,
  title: `Review ${id}`,
  rootUri: 'file:///w',
  targets: ['a.ts (lines 1-3)'],
  reviewedFiles: ['a.ts'],
  sections: [{ id: 'security', title: 'Security' }],
  excluded: [],
  simulated: false,
  startedAt,
  state: { security: { status: 'streaming', raw } },
  findings: [],
  dropped: 0,
});

describe('review history (workspace storage)', () => {
  it('keeps the newest ten reviews, newest first, across instances (a reload)', async () => {
    const memento = new MemoryMemento();
    const history = new ReviewHistory(memento, silentLogger, () => assert.fail('nothing is corrupt'));
    for (let i = 0; i < 12; i++)
      await history.save(snapshot(`r${i}`, `2026-11-24T10:${String(i).padStart(2, '0')}:00Z`), true);
    const reloaded = new ReviewHistory(memento, silentLogger, () => undefined).list();
    assert.equal(reloaded.length, 10);
    assert.equal(reloaded[0]?.reviewId, 'r11');
    assert.equal(reloaded.at(-1)?.reviewId, 'r2');
  });

  it('persists a streaming review at a bounded rate, and the last text on flush', async () => {
    const memento = new MemoryMemento();
    const history = new ReviewHistory(memento, silentLogger, () => undefined);
    const s = snapshot('live', '2026-11-24T11:00:00Z');
    for (let i = 0; i < 200; i++) {
      s.state['security']!.raw += 'x';
      await history.save(s);
    }
    assert.equal(memento.writes, 0, 'no write per chunk');
    await history.flush();
    assert.equal(memento.writes, 1);
    assert.equal(history.list()[0]?.state['security']?.raw.length, 200);
    history.dispose();
  });

  it('sets corrupt stored state aside with a message and keeps working', async () => {
    const memento = new MemoryMemento();
    memento.data.set('claudeMultiAgent.reviews', [snapshot('ok', '2026-11-24T09:00:00Z'), { reviewId: 42 }, 'garbage']);
    const messages: string[] = [];
    const history = new ReviewHistory(memento, silentLogger, (m) => messages.push(m));
    assert.deepEqual(
      history.list().map((r) => r.reviewId),
      ['ok'],
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /set aside/);
    assert.equal((memento.data.get('claudeMultiAgent.reviews.corrupt') as unknown[]).length, 2);
    await history.save(snapshot('new', '2026-11-24T12:00:00Z'), true);
    assert.deepEqual(
      history.list().map((r) => r.reviewId),
      ['new', 'ok'],
    );

    memento.data.set('claudeMultiAgent.reviews', { not: 'a list' });
    assert.deepEqual(new ReviewHistory(memento, silentLogger, (m) => messages.push(m)).list(), []);
    assert.equal(messages.length, 2);
  });
});
