// Finding: one chat send about a 256 KiB file blocked the extension host for 35 s (a secret rule
// backtracked quadratically: 128 KiB of word characters took 4.9 s). These go through the features'
// own entry points and must simply complete (mocha's timeout is the guard, not a timed assertion);
// the pattern-by-pattern checks are in linearRules.test.ts.
import assert from 'node:assert/strict';
import { chatAbout, makeWorkspace, reviewSelection, type Workspace } from './hostile';

describe('security: adversarial text does not stall a send', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  it('a chat (or delegation) send about a 256 KiB file of secret-looking words completes and sends it', async () => {
    const text = `const blob = "${'authtoken'.repeat(29_000)}";\n`;
    ws.write('data/blob.ts', text);
    const file = await chatAbout(ws.root, 'data/blob.ts', text);
    assert.equal(file.included, true);
  });

  it('a review of a selection with 512 KiB of secret-looking names completes and sends it', async () => {
    const text = `${'session_token_'.repeat(37_000)}\n`;
    const sent = await reviewSelection(ws.root, 'data/names.txt', text);
    assert.ok(sent.text.includes('session_token_session_token_'));
  });
});
