// Finding: explicitly picked symbolic links were followed out of the workspace: a link named
// docs/notes.md pointing at a system file, or a linked folder pointing at the home folder, sent
// .bash_history, .kube/config, .docker/config.json and .ssh/config. Now every file's real path must
// lie in its workspace folder, for the review, its selections, the chat and the delegation.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chatAbout, makeWorkspace, reviewPaths, reviewSelection, type Workspace } from './hostile';

const passwd = 'root:x:0:0:root:/root:/bin/bash\n';

describe('security: symbolic links out of the workspace', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = makeWorkspace();
    ws.writeOutside('etc/passwd', passwd);
    ws.writeOutside('home/.bash_history', 'mysql -u root -phunter2\n');
    ws.writeOutside('home/.kube/config', 'apiVersion: v1\nkind: Config\n');
    ws.writeOutside('home/.docker/config.json', '{"auths": {}}\n');
    ws.writeOutside('home/.ssh/config', 'Host prod\n  User admin\n');
    ws.writeOutside('home/notes.txt', 'private notes\n');
    ws.write('src/a.ts', 'export const a = 1;\n');
    ws.link('docs/notes.md', join(ws.outside, 'etc/passwd'));
    ws.link('homedir', join(ws.outside, 'home'));
  });
  afterEach(() => ws.remove());

  it('the review refuses a picked file that links outside, and says so', async () => {
    const sent = await reviewPaths(ws.root, ['docs/notes.md', 'src/a.ts']);
    assert.ok(!sent.text.includes('root:x:0:0'));
    assert.deepEqual(
      sent.excluded.map((e) => [e.path, e.reason, e.detail]),
      [['docs/notes.md', 'outside-workspace', 'a symbolic link to a file outside the workspace folder']],
    );
  });

  it('the review refuses a picked folder that links outside, without reading anything in it', async () => {
    const sent = await reviewPaths(ws.root, ['homedir']);
    assert.equal(sent.text, '');
    assert.deepEqual(
      sent.excluded.map((e) => [e.path, e.reason]),
      [['homedir/', 'outside-workspace']],
    );
  });

  it('files named inside a linked folder are refused one by one', async () => {
    const picked = [
      'homedir/.bash_history',
      'homedir/.kube/config',
      'homedir/.docker/config.json',
      'homedir/.ssh/config',
      'homedir/notes.txt',
    ];
    const sent = await reviewPaths(ws.root, picked);
    assert.equal(sent.text, '');
    // Some are refused by name first; none goes out, and the plain notes file is refused for its real path.
    assert.equal(sent.excluded.length, picked.length);
    assert.equal(sent.excluded.find((e) => e.path === 'homedir/notes.txt')?.reason, 'outside-workspace');
  });

  it('the chat and the delegation refuse a file whose real path is outside the workspace', async () => {
    const file = await chatAbout(ws.root, 'docs/notes.md', passwd);
    assert.equal(file.included, false);
    if (!file.included) assert.equal(file.reason, 'a symbolic link to a file outside the workspace folder');
    assert.equal((await chatAbout(ws.root, 'homedir/notes.txt', 'private notes\n')).included, false);
  });

  it('a selection in a linked file is refused as well', async () => {
    assert.equal((await reviewSelection(ws.root, 'docs/notes.md', passwd)).text, '');
  });

  it('a link inside the workspace is judged by where it points: a link to .env is a secret file', async () => {
    ws.write('.env', 'DB_PASSWORD=hunter2\n');
    ws.link('docs/env.txt', join(ws.root, '.env'));
    const sent = await reviewPaths(ws.root, ['docs/env.txt']);
    assert.equal(sent.text, '');
    assert.equal(sent.excluded[0]?.reason, 'secret');
    assert.match(sent.excluded[0]?.detail ?? '', /^links to \.env, which is excluded: file name matches/);
    ws.write('src/b.ts', 'export const b = 2;\n');
    ws.link('src/b-link.ts', join(ws.root, 'src/b.ts'));
    assert.match((await reviewPaths(ws.root, ['src/b-link.ts'])).text, /export const b = 2/);
  });
});
