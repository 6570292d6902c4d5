// Finding: chat and delegation sent private-key bodies. Only the BEGIN line was replaced, so the
// base64 body went out, and the re-check found nothing left to object to. Now the file is not sent.
import assert from 'node:assert/strict';
import { buildChatSystem, describeFileContext } from '../../../src/chat';
import { chatAbout, chatText, makeWorkspace, privateKeyBlock, reviewPaths, type Workspace } from './hostile';

describe('security: private-key bodies', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  it('chat and delegation do not send a file holding a private key, body included, and say why', async () => {
    const key = privateKeyBlock();
    const text = `# deploy notes\nssh-add the key below\n${key.text}done\n`;
    ws.write('docs/deploy.md', text);
    const file = await chatAbout(ws.root, 'docs/deploy.md', text);
    const firstBodyLine = key.body.split('\n')[0]!;
    assert.equal(file.included, false);
    assert.ok(!chatText(file).includes(firstBodyLine));
    assert.ok(!buildChatSystem({ file }).includes(firstBodyLine), 'nothing of the key in the chat system block');
    assert.match(
      describeFileContext(file) ?? '',
      /docs\/deploy\.md is not sent to the model: contains a private key block on line 3/,
    );
  });

  it('the delegation refuses a selection that holds the key as well', async () => {
    const key = privateKeyBlock();
    ws.write('docs/deploy.md', `intro\n${key.text}`);
    const selection = await chatAbout(ws.root, 'docs/deploy.md', key.text.split('\n').slice(0, 2).join('\n'));
    assert.equal(selection.included, false);
  });

  it('the review and the chat agree (the review already left such files out)', async () => {
    const key = privateKeyBlock();
    ws.write('docs/deploy.md', key.text);
    const review = await reviewPaths(ws.root, ['docs/deploy.md']);
    assert.equal(review.excluded[0]?.reason, 'secret');
  });
});
