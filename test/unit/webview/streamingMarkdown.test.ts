import assert from 'node:assert/strict';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../../src/webview/lib/markdown';
import { StreamingMarkdown } from '../../../src/webview/lib/streamingMarkdown';
import { createPage, ManualFrames } from './helpers';

describe('webview: streaming Markdown', () => {
  function setup(renderCostMs = 0) {
    const page = createPage();
    const real = createMarkdownRenderer(page.win);
    let renders = 0;
    let time = 0;
    const counting: MarkdownRenderer = {
      ...real,
      renderInto: (t, md) => {
        renders += 1;
        time += renderCostMs;
        real.renderInto(t, md);
      },
    };
    const frames = new ManualFrames();
    const target = page.doc.createElement('div');
    const stream = new StreamingMarkdown(target, counting, frames, { now: () => time });
    return { target, frames, stream, renders: () => renders, advance: (ms: number) => (time += ms) };
  }

  it('renders once per animation frame however many chunks arrived', () => {
    const { target, frames, stream, renders } = setup();
    for (let i = 0; i < 100; i++) stream.append(i === 0 ? '**bold' : ' x');
    assert.equal(renders(), 0);
    assert.equal(frames.pending, 1);
    frames.runFrame();
    assert.equal(renders(), 1);
    stream.append('**');
    stream.append(' done');
    frames.runFrame();
    assert.equal(renders(), 2);
    assert.equal(target.querySelector('strong')?.textContent?.startsWith('bold x'), true);
    assert.equal(stream.text.endsWith('** done'), true);
  });

  it('renders at once on demand and not again for unchanged text', () => {
    const { target, frames, stream, renders } = setup();
    stream.append('hello');
    stream.renderNow();
    assert.equal(target.textContent?.trim(), 'hello');
    assert.equal(frames.pending, 0);
    stream.renderNow();
    assert.equal(renders(), 1);
  });

  it('spaces renders out after a slow one, so long answers do not hog the page', () => {
    const { frames, stream, renders, advance } = setup(40);
    stream.append('a');
    frames.runFrame();
    assert.equal(renders(), 1);
    stream.append('b');
    for (let i = 0; i < 5; i++) {
      advance(16);
      frames.runFrame();
    }
    assert.equal(renders(), 1, 'still within 3 × 40 ms of the last render');
    advance(40);
    frames.runFrame();
    assert.equal(renders(), 2);
    assert.equal(stream.text, 'ab');
  });

  it('replace() starts over', () => {
    const { target, frames, stream } = setup();
    stream.append('old');
    stream.replace('new');
    frames.runFrame();
    assert.equal(target.textContent?.trim(), 'new');
  });
});
