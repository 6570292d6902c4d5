import assert from 'node:assert/strict';
import { ThreadStore, capTurns, type StoredThread } from '../../../src/chat';
import { MemoryStore, sleep } from './helpers';

const thread = (key: string, updatedAt: number, texts: string[] = ['q', 'a']): StoredThread => ({
  key,
  label: key.replace('file:///', ''),
  updatedAt,
  turns: texts.map((text, i) =>
    i % 2 === 0
      ? { role: 'user', text, at: updatedAt }
      : { role: 'assistant', text, status: 'completed', at: updatedAt },
  ),
});

describe('chat: ThreadStore', () => {
  it('round-trips threads through the store', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing);
    const a = thread('file:///a.ts', 1000, ['what does this do?', 'It adds numbers.']);
    a.turns.push(
      { role: 'user', text: 'and this?', at: 1001 },
      { role: 'assistant', text: 'partial', status: 'failed', note: '500 api_error', at: 1002 },
    );
    a.omittedExchanges = 2;
    await store.save(a);
    await store.save(thread('file:///b.ts', 2000));

    const reloaded = new ThreadStore(backing);
    assert.deepEqual(reloaded.load('file:///a.ts'), a);
    assert.deepEqual(reloaded.keys(), ['file:///b.ts', 'file:///a.ts']);
    assert.deepEqual(
      reloaded.loadAll().map((t) => t.key),
      ['file:///b.ts', 'file:///a.ts'],
    );
    assert.equal(reloaded.load('file:///missing.ts'), undefined);
  });

  it('sets a corrupt entry aside, reports it, and still loads the others', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing);
    await store.save(thread('file:///good.ts', 1000));
    await store.save(thread('file:///bad.ts', 2000));
    const badKey = store.storageKey('file:///bad.ts');
    backing.plant(badKey, { v: 1, key: 'file:///bad.ts', updatedAt: 2000, turns: [{ role: 'robot', text: 1 }] });

    const problems: string[] = [];
    const reloaded = new ThreadStore(backing, { onProblem: (m) => problems.push(m) });
    const all = reloaded.loadAll();
    assert.deepEqual(
      all.map((t) => t.key),
      ['file:///good.ts'],
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /corrupt \(turn 1: role is neither user nor assistant\)/);
    assert.match(problems[0]!, /bad\.ts/);

    await reloaded.flush();
    assert.equal(backing.get(badKey), undefined, 'removed from where it was');
    const aside = backing.get<Array<{ storageKey: string; value: unknown }>>(reloaded.corruptKey);
    assert.equal(aside?.length, 1);
    assert.equal(aside?.[0]?.storageKey, badKey);
    assert.deepEqual(
      (aside?.[0]?.value as { turns: unknown[] }).turns,
      [{ role: 'robot', text: 1 }],
      'the raw value is kept',
    );
    // Looking again does not report it twice, and a new thread can be saved under the same key.
    reloaded.loadAll();
    assert.equal(problems.length, 1);
    await reloaded.save(thread('file:///bad.ts', 3000));
    assert.equal(reloaded.load('file:///bad.ts')?.updatedAt, 3000);
  });

  it('rebuilds a corrupt index from the stored keys', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing);
    await store.save(thread('file:///a.ts', 1000));
    await store.save(thread('file:///b.ts', 2000));
    backing.plant(store.indexKey, 'garbage');
    const problems: string[] = [];
    const reloaded = new ThreadStore(backing, { onProblem: (m) => problems.push(m) });
    assert.deepEqual(reloaded.keys(), ['file:///b.ts', 'file:///a.ts']);
    assert.match(problems.join('\n'), /index because it is corrupt/);
  });

  it('a reply that was streaming when the window closed loads as interrupted (or failed if empty)', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing);
    const t = thread('file:///a.ts', 1000, ['q1']);
    t.turns.push(
      { role: 'assistant', text: 'half an ans', status: 'streaming', at: 1 },
      { role: 'user', text: 'q2', at: 2 },
      { role: 'assistant', text: '', status: 'streaming', at: 3 },
    );
    await store.save(t);
    const loaded = new ThreadStore(backing).load('file:///a.ts')!;
    assert.equal(loaded.turns[1]?.status, 'interrupted');
    assert.match(loaded.turns[1]?.note ?? '', /cut off/);
    assert.equal(loaded.turns[3]?.status, 'failed');
  });

  it('evicts the least recently updated threads beyond the cap', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing, { maxThreads: 3 });
    for (let i = 1; i <= 5; i++) await store.save(thread(`file:///f${i}.ts`, i * 1000));
    assert.deepEqual(store.keys(), ['file:///f5.ts', 'file:///f4.ts', 'file:///f3.ts']);
    assert.equal(backing.get(store.storageKey('file:///f1.ts')), undefined);
    assert.equal(backing.get(store.storageKey('file:///f2.ts')), undefined);
    // Updating an old thread makes it recent again.
    await store.save(thread('file:///f3.ts', 9000));
    await store.save(thread('file:///f6.ts', 9500));
    assert.deepEqual(store.keys(), ['file:///f6.ts', 'file:///f3.ts', 'file:///f5.ts']);
  });

  it('keeps at most maxTurns turns per thread, never starting with a reply', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing, { maxTurns: 5 });
    const texts = Array.from({ length: 10 }, (_, i) => `t${i}`);
    await store.save(thread('file:///a.ts', 1, texts));
    const loaded = new ThreadStore(backing).load('file:///a.ts')!;
    assert.deepEqual(
      loaded.turns.map((t) => t.text),
      ['t6', 't7', 't8', 't9'],
    );
    assert.deepEqual(capTurns(loaded.turns, 10).length, 4);
  });

  it('saveSoon writes at a bounded rate while a reply streams, and flush writes the latest state', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing, { saveIntervalMs: 50 });
    const t = thread('file:///a.ts', 1, ['q', '']);
    const started = performance.now();
    for (let i = 0; i < 150; i++) {
      t.turns[1]!.text += `${i} `;
      t.updatedAt++;
      store.saveSoon(t);
      await sleep(2);
    }
    const elapsed = performance.now() - started;
    await store.flush();
    const threadWrites = backing.writes.filter((w) => w.key === store.storageKey('file:///a.ts'));
    assert.ok(threadWrites.length >= 2, 'it saved while streaming');
    assert.ok(
      threadWrites.length <= Math.ceil(elapsed / 50) + 2,
      `${threadWrites.length} writes in ${Math.round(elapsed)} ms`,
    );
    for (let i = 1; i < threadWrites.length - 1; i++) {
      assert.ok(threadWrites[i]!.at - threadWrites[i - 1]!.at >= 45, 'at most one write per interval');
    }
    assert.equal(new ThreadStore(backing).load('file:///a.ts')?.turns[1]?.text, t.turns[1]!.text);
  });

  it('reports a failed write and keeps working', async () => {
    const backing = new MemoryStore();
    const problems: string[] = [];
    const store = new ThreadStore(backing, { onProblem: (m) => problems.push(m) });
    backing.failNext = true;
    await store.save(thread('file:///a.ts', 1));
    assert.match(problems.join('\n'), /Could not save the chat history: disk full/);
    await store.save(thread('file:///a.ts', 2));
    assert.equal(store.load('file:///a.ts')?.updatedAt, 2);
  });

  it('delete removes the thread and its index entry', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing);
    await store.save(thread('file:///a.ts', 1));
    await store.delete('file:///a.ts');
    assert.equal(store.load('file:///a.ts'), undefined);
    assert.deepEqual(store.keys(), []);
  });
});
