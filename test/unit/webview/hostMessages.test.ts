import assert from 'node:assert/strict';
import { onHostMessage } from '../../../src/webview/lib/hostMessages';
import { RECORD_HOST_MESSAGES_ATTRIBUTE, RECORDED_HOST_MESSAGES } from '../../../src/shared/testHooks';
import { createPage } from './helpers';

/** Posts `data` to the page as the host would, and lets the message event be dispatched. */
async function deliver(win: Window, ...data: unknown[]): Promise<void> {
  for (const d of data) win.postMessage(d, '*');
  await new Promise((resolve) => setTimeout(resolve, 20));
}

const recorded = (win: Window) => (win as unknown as Record<string, unknown[] | undefined>)[RECORDED_HOST_MESSAGES];

describe('webview: host messages', () => {
  it("passes on only the panel's own message types", async () => {
    const { win } = createPage();
    const got: unknown[] = [];
    onHostMessage(win, 'review/', (m) => got.push(m));
    await deliver(win, { type: 'review/done', status: 'completed' }, { type: 'chat/x' }, 'review/', null);
    assert.deepEqual(got, [{ type: 'review/done', status: 'completed' }]);
  });

  it('records nothing unless the page asks for it (the test hook is off in normal use)', async () => {
    const { win } = createPage();
    onHostMessage(win, 'review/', () => undefined);
    await deliver(win, { type: 'review/done', status: 'completed' });
    assert.equal(recorded(win), undefined);
  });

  it('with the test hook on, keeps every message passed on, in arrival order, from the first one', async () => {
    const { win, doc } = createPage();
    doc.body.setAttribute(RECORD_HOST_MESSAGES_ATTRIBUTE, '');
    const got: unknown[] = [];
    onHostMessage(win, 'review/', (m) => got.push(m));
    const first = { type: 'review/update', updates: [{ id: 'security', append: '{"sum' }] };
    const second = { type: 'review/done', status: 'completed' };
    await deliver(win, first, { type: 'chat/other' }, second);
    assert.deepEqual(recorded(win), [first, second]);
    assert.deepEqual(got, [first, second]);
  });
});
