// Finding: files that hold credentials by their nature went out because their names were not on
// the list. Now left out by name (or, for .yarnrc.yml, by the token in it) in every feature.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gatherFileContext } from '../../../src/chat';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { chatAbout, chars, makeWorkspace, reviewPaths, type Workspace } from './hostile';

const yarnToken = `npmAuthToken: "${'npm'}_${chars(36)}"`;

const credentialFiles: Record<string, string> = {
  'deploy/prod.env': 'DB_PASSWORD=hunter2\n',
  '.envrc': 'export DB_PASSWORD=hunter2\n',
  '.yarnrc.yml': `npmRegistryServer: "https://npm.example.com"\n${yarnToken.replace(/npm_\w+/, 'plain-token-value-1')}\n`,
  'keys/server.ppk': 'PuTTY-User-Key-File-3: ssh-ed25519\n',
  'gcloud/application_default_credentials.json':
    '{"client_id": "1", "client_secret": "hunter2", "type": "authorized_user"}\n',
  'ops/kubeconfig': 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: hunter2\n',
  'home/.kube/config': 'apiVersion: v1\nkind: Config\n',
  'home/.docker/config.json': '{"auths": {"registry.example.com": {"auth": "YWRtaW46aHVudGVyMg=="}}}\n',
  'infra/terraform.tfstate': '{"resources": [{"instances": [{"attributes": {"password": "hunter2"}}]}]}\n',
};

describe('security: credential files recognised by name', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  for (const [rel, text] of Object.entries(credentialFiles)) {
    it(`${rel}: not sent by the chat, the delegation or the review`, async () => {
      ws.write(rel, text);
      const chat = await chatAbout(ws.root, rel, text);
      assert.equal(chat.included, false, 'chat/delegation');
      const review = await reviewPaths(ws.root, ['.']);
      assert.equal(review.text, '');
      assert.deepEqual(
        review.excluded.filter((e) => e.path === rel).map((e) => e.reason),
        ['secret'],
      );
    });
  }

  it('a credential file opened from outside any workspace folder is judged by where it is, not by its label', async () => {
    const text = 'apiVersion: v1\nkind: Config\nusers:\n- user:\n    token: hunter2\n';
    ws.writeOutside('home/.kube/config', text);
    const file = await gatherFileContext({
      fs: nodeWorkspaceFs,
      path: 'config',
      filePath: join(ws.outside, 'home/.kube/config'),
      text,
      budgetTokens: 10_000,
    });
    assert.equal(file.included, false);
    if (!file.included) assert.match(file.reason, /secret-file rule '\*\*\/\.kube\/config'/);
  });

  it('templates such as .env.example and example.env are still sent', async () => {
    ws.write('.env.example', 'DB_PASSWORD=\n');
    ws.write('deploy/example.env', 'DB_PASSWORD=\n');
    const review = await reviewPaths(ws.root, ['.']);
    assert.match(review.text, /<file path="\.env\.example"/);
    assert.match(review.text, /<file path="deploy\/example\.env"/);
  });
});
