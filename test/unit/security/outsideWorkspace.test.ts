// Finding: a file outside every workspace folder (opened from elsewhere, or named to the review
// language-model tool) was reviewed with its own folder as root, so ~/.docker/config.json was judged
// as `config.json`, and ~/.kube/config, ~/.aws/config and gcloud files were sent; the chat already
// refused them by their absolute path. The policy now judges where the root itself lies, too.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { ContentPolicy, secretLocationReason } from '../../../src/policy';
import { makeWorkspace, reviewPaths, reviewSelection, type Workspace } from './hostile';

/** Files in a stand-in home folder, with text no content rule would stop: only where they lie tells. */
const HOME_FILES: Record<string, string> = {
  '.docker/config.json': '{ "credsStore": "desktop", "currentContext": "default" }\n',
  '.kube/config': 'apiVersion: v1\ncurrent-context: prod\n',
  '.aws/config': '[default]\nregion = eu-west-1\noutput = json\n',
  '.aws/credentials': '[default]\nregion = eu-west-1\n',
  '.config/gcloud/configurations/config_default': '[core]\naccount = someone@example.com\nproject = demo\n',
  '.ssh/known_hosts': 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n',
};

describe('security: a file outside every workspace folder is judged by where it lies', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = makeWorkspace();
    for (const [rel, text] of Object.entries(HOME_FILES)) ws.writeOutside(`home/${rel}`, text);
  });
  afterEach(() => ws.remove());

  for (const rel of Object.keys(HOME_FILES)) {
    it(`~/${rel}, reviewed with its own folder as root (file and editor text), is not sent`, async () => {
      const abs = join(ws.outside, 'home', rel);
      const root = dirname(abs);
      const asFile = await reviewPaths(root, [abs]);
      assert.equal(asFile.text, '', 'the file');
      assert.match(asFile.excluded[0]!.detail, /where credentials are kept|secret-file rule/);
      const asText = await reviewSelection(root, rel.split('/').pop()!, HOME_FILES[rel]!);
      assert.equal(asText.text, '', 'the editor text');
    });
  }

  it('the same names inside an ordinary project folder are judged as before', async () => {
    ws.write('docs/config.json', '{ "theme": "dark" }\n');
    ws.write('deploy/config', 'region = eu-west-1\n');
    const sent = await reviewPaths(ws.root, ['docs/config.json', 'deploy/config']);
    assert.ok(sent.text.includes('"theme"') && sent.text.includes('region'));
    assert.equal(secretLocationReason('/home/me/projects/app/config.json'), undefined);
    assert.ok(secretLocationReason('/home/me/.kube/config'));
    assert.ok(secretLocationReason('C:/Users/me/.docker/config.json'));
  });

  it('a workspace folder opened inside .git/ is metadata, whatever the file', async () => {
    const policy = new ContentPolicy({ fs: nodeWorkspaceFs, root: join(ws.root, '.git') });
    assert.equal((await policy.pathExclusion('config', false))?.reason, 'always-skipped');
  });
});
