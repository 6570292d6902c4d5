// Finding: tokens of these kinds went out unnoticed through every feature. Each must now keep its
// file back in the chat, the delegation and the review alike.
import assert from 'node:assert/strict';
import { chatAbout, leakedTokens, makeWorkspace, reviewPaths, reviewSelection, type Workspace } from './hostile';

describe('security: tokens that used to go out unnoticed', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  for (const [kind, line] of Object.entries(leakedTokens)) {
    it(`${kind}: not sent by the chat or the delegation, not by the review`, async () => {
      const text = `// settings\n${line}\nexport {};\n`;
      ws.write('src/settings.ts', text);

      const chat = await chatAbout(ws.root, 'src/settings.ts', text);
      assert.equal(chat.included, false, 'chat/delegation');
      if (!chat.included) assert.match(chat.reason, /^contains .* on line 2$/);

      const files = await reviewPaths(ws.root, ['src']);
      assert.equal(files.text, '');
      assert.deepEqual(
        files.excluded.map((e) => [e.path, e.reason]),
        [['src/settings.ts', 'secret']],
      );

      const selection = await reviewSelection(ws.root, 'src/settings.ts', text);
      assert.equal(selection.text, '');
      assert.equal(selection.excluded[0]?.reason, 'secret');
    });
  }

  it('placeholders and look-alikes still go out', async () => {
    const text = [
      'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
      'const link = "https://example.com/a:b@c";',
      'const npmPkg = "npm_config_registry";',
      'const apiKey = process.env.API_KEY;',
    ].join('\n');
    ws.write('src/ok.ts', text);
    const chat = await chatAbout(ws.root, 'src/ok.ts', text);
    assert.equal(chat.included, true, chat.included ? '' : chat.reason);
  });
});
