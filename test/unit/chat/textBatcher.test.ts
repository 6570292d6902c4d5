import assert from 'node:assert/strict';
import { TextBatcher } from '../../../src/chat';
import { sleep } from './helpers';

describe('chat: TextBatcher', () => {
  it('sends at most one message per interval and loses nothing', async () => {
    const sent: Array<{ text: string; at: number }> = [];
    const batcher = new TextBatcher((text) => sent.push({ text, at: performance.now() }), { intervalMs: 33 });
    let all = '';
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      const chunk = `c${i} `;
      all += chunk;
      batcher.push(chunk);
      if (i % 5 === 0) await sleep(1);
    }
    await sleep(60);
    batcher.flush();
    const elapsed = performance.now() - started;
    assert.equal(sent.map((s) => s.text).join(''), all);
    assert.ok(sent.length <= Math.ceil(elapsed / 33) + 1, `${sent.length} messages in ${Math.round(elapsed)} ms`);
    for (let i = 1; i < sent.length; i++) assert.ok(sent[i]!.at - sent[i - 1]!.at >= 30);
  });

  it('discard drops what is pending; dispose stops sending', async () => {
    const sent: string[] = [];
    const batcher = new TextBatcher((t) => sent.push(t), { intervalMs: 10 });
    batcher.push('a');
    batcher.discard();
    await sleep(20);
    assert.deepEqual(sent, []);
    batcher.push('b');
    batcher.flush();
    batcher.dispose();
    batcher.push('c');
    await sleep(20);
    assert.deepEqual(sent, ['b']);
  });
});
