import assert from 'node:assert/strict';
import { appendToAnswer, finishAnswer } from '../../../src/webview/chat/chatState';
import { ElapsedClock } from '../../../src/webview/lib/elapsedClock';
import { formatElapsed, formatTokens } from '../../../src/webview/lib/format';
import { applySectionUpdate, newSectionState, sectionNoteText } from '../../../src/webview/lib/sectionState';

describe('webview: view models', () => {
  it('applies section updates: text replaces before append adds; other fields keep their latest value', () => {
    let s = newSectionState({ id: 'a', title: 'A' });
    s = applySectionUpdate(s, { id: 'a', status: 'streaming', append: 'one ' });
    s = applySectionUpdate(s, { id: 'a', text: 'fresh', append: ' more', outputTokens: 3 });
    s = applySectionUpdate(s, { id: 'a', status: 'failed', note: 'timeout' });
    assert.deepEqual(s, {
      id: 'a',
      title: 'A',
      status: 'failed',
      text: 'fresh more',
      outputTokens: 3,
      note: 'timeout',
    });
    assert.equal(sectionNoteText(s), 'failed: timeout');
    assert.equal(sectionNoteText({ ...s, status: 'waiting', note: 'retrying in 2 s' }), 'retrying in 2 s');
  });

  it('runs the elapsed clock between reports and freezes it at the end', () => {
    const clock = new ElapsedClock();
    clock.update('queued', undefined, 0);
    assert.equal(clock.read(100), undefined);
    clock.update('streaming', undefined, 1000);
    assert.equal(clock.read(1500), 500);
    clock.update('streaming', 2000, 1600);
    assert.equal(clock.read(1700), 2100);
    clock.update('done', 2500, 2000);
    assert.equal(clock.read(9999), 2500);
    assert.equal(clock.isRunning, false);
  });

  it('formats elapsed time and tokens', () => {
    assert.equal(formatElapsed(3240), '3.2 s');
    assert.equal(formatElapsed(42_900), '42 s');
    assert.equal(formatElapsed(65_000), '1 m 05 s');
    assert.equal(formatElapsed(3_720_000), '1 h 02 m');
    assert.equal(formatTokens(1), '1 token');
    assert.equal(formatTokens(12345), '12,345 tokens');
  });

  it('appends to the streaming answer or starts one, and finishes it', () => {
    const turns: {
      role: 'user' | 'assistant';
      text: string;
      status?: 'streaming' | 'completed' | 'interrupted' | 'failed';
      note?: string;
    }[] = [{ role: 'user', text: 'q' }];
    appendToAnswer(turns, 'a');
    appendToAnswer(turns, 'b');
    assert.deepEqual(turns.at(-1), { role: 'assistant', text: 'ab', status: 'streaming' });
    finishAnswer(turns, 'completed', undefined);
    appendToAnswer(turns, 'c');
    assert.equal(turns.length, 3);
    finishAnswer(turns, 'failed', 'boom');
    assert.deepEqual(turns.at(-1), { role: 'assistant', text: 'c', status: 'failed', note: 'boom' });
  });
});
