import assert from 'node:assert/strict';
import type { SectionUpdate } from '../../../src/shared/protocol';
import { mergeSectionUpdate, UpdateBatcher } from '../../../src/extension/webview/updateBatcher';

/** Deterministic time: timers fire only when the test advances the clock. */
class FakeClock {
  time = 0;
  private nextId = 1;
  readonly timers = new Map<number, { at: number; callback: () => void }>();

  now = () => this.time;
  setTimer = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimer = (handle: unknown) => {
    this.timers.delete(handle as number);
  };

  advanceTo(time: number): void {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= time).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = time;
  }
}

function setup(intervalMs?: number) {
  const clock = new FakeClock();
  const sent: { at: number; updates: SectionUpdate[] }[] = [];
  const batcher = new UpdateBatcher((updates) => sent.push({ at: clock.time, updates }), {
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { clock, sent, batcher };
}

describe('webview: UpdateBatcher', () => {
  it('turns 5 streams × 200 chunks within 1 s into at most 20 messages, text complete and in order', () => {
    const { clock, sent, batcher } = setup();
    const streams = ['a', 'b', 'c', 'd', 'e'];
    for (let k = 0; k < 200; k++) {
      streams.forEach((id, s) => {
        clock.advanceTo(k * 5 + s);
        batcher.push({
          id,
          append: `${id}${k};`,
          elapsedMs: k * 5,
          outputTokens: k + 1,
          ...(k === 0 ? { status: 'streaming' as const } : {}),
          ...(k === 199 ? { status: 'done' as const } : {}),
        });
      });
    }
    clock.advanceTo(2000);

    assert.ok(sent.length <= 20, `${sent.length} messages`);
    for (let i = 1; i < sent.length; i++)
      assert.ok(sent[i]!.at - sent[i - 1]!.at >= 50, 'at most one message per 50 ms');
    for (const { updates } of sent)
      assert.equal(new Set(updates.map((u) => u.id)).size, updates.length, 'one update per section per message');

    for (const id of streams) {
      const received = sent.flatMap((m) => m.updates.filter((u) => u.id === id));
      const text = received.map((u) => u.append ?? '').join('');
      assert.equal(text, Array.from({ length: 200 }, (_, k) => `${id}${k};`).join(''));
      const last = received.at(-1)!;
      assert.equal(last.status, 'done');
      assert.equal(last.outputTokens, 200);
    }
    assert.equal(batcher.hasTimer, false);
  });

  it('merges appends per section and keeps the latest status, elapsed time, tokens and note', () => {
    const { clock, sent, batcher } = setup();
    batcher.push({ id: 'x', status: 'waiting', note: 'rate limited, retrying in 2 s' });
    batcher.push({ id: 'y', append: 'Y1' });
    batcher.push({ id: 'x', status: 'streaming', append: 'hello ', elapsedMs: 10, outputTokens: 1 });
    batcher.push({ id: 'x', append: 'world', elapsedMs: 20, outputTokens: 2, note: '' });
    assert.equal(sent.length, 0, 'nothing before the interval');
    clock.advanceTo(50);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]!.updates, [
      { id: 'x', status: 'streaming', append: 'hello world', elapsedMs: 20, outputTokens: 2, note: '' },
      { id: 'y', append: 'Y1' },
    ]);
  });

  it('lets a text replacement drop the appends before it', () => {
    assert.deepEqual(mergeSectionUpdate({ id: 's', append: 'old' }, { id: 's', text: 'fresh' }), {
      id: 's',
      text: 'fresh',
    });
    assert.deepEqual(mergeSectionUpdate({ id: 's', text: 'fresh' }, { id: 's', append: '+more' }), {
      id: 's',
      text: 'fresh',
      append: '+more',
    });
  });

  it('sends a terminal status at once when the interval has passed, otherwise at the end of it', () => {
    const { clock, sent, batcher } = setup();
    clock.advanceTo(1000);
    batcher.push({ id: 'a', status: 'failed', note: 'overloaded' });
    assert.equal(sent.length, 1, 'immediately after a quiet period');
    clock.advanceTo(1010);
    batcher.push({ id: 'b', status: 'cancelled' });
    assert.equal(sent.length, 1, 'not within 50 ms of the last message');
    clock.advanceTo(1049);
    assert.equal(sent.length, 1);
    clock.advanceTo(1050);
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[1]!.updates, [{ id: 'b', status: 'cancelled' }]);
  });

  it('brings a pending flush forward for a terminal status, never earlier than the interval allows', () => {
    const { clock, sent, batcher } = setup();
    batcher.push({ id: 'a', append: 'x' });
    clock.advanceTo(50);
    clock.advanceTo(60);
    batcher.push({ id: 'a', append: 'y' }); // due at 110
    clock.advanceTo(70);
    batcher.push({ id: 'a', status: 'done' }); // may go at 100
    clock.advanceTo(100);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.at, 100);
    assert.deepEqual(sent[1]!.updates, [{ id: 'a', append: 'y', status: 'done' }]);
  });

  it('flush() sends immediately and is a no-op when nothing is pending', () => {
    const { clock, sent, batcher } = setup();
    batcher.flush();
    assert.equal(sent.length, 0);
    batcher.push({ id: 'a', append: 'x' });
    batcher.flush();
    assert.equal(sent.length, 1);
    assert.equal(clock.timers.size, 0);
    clock.advanceTo(500);
    assert.equal(sent.length, 1);
  });

  it('honours a custom interval', () => {
    const { clock, sent, batcher } = setup(200);
    batcher.push({ id: 'a', append: 'x' });
    clock.advanceTo(199);
    assert.equal(sent.length, 0);
    clock.advanceTo(200);
    assert.equal(sent.length, 1);
  });

  it('dispose leaves no timer and sends nothing more', () => {
    const { clock, sent, batcher } = setup();
    batcher.push({ id: 'a', append: 'x' });
    assert.equal(clock.timers.size, 1);
    batcher.dispose();
    assert.equal(clock.timers.size, 0);
    assert.equal(batcher.hasTimer, false);
    batcher.push({ id: 'a', append: 'y' });
    batcher.flush();
    clock.advanceTo(1000);
    assert.equal(sent.length, 0);
    assert.equal(clock.timers.size, 0);
  });

  it('works with real timers by default', async () => {
    const sent: SectionUpdate[][] = [];
    const batcher = new UpdateBatcher((u) => sent.push(u), { intervalMs: 5 });
    batcher.push({ id: 'a', append: 'x' });
    batcher.push({ id: 'a', append: 'y' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(sent, [[{ id: 'a', append: 'xy' }]]);
    batcher.dispose();
  });
});
