import assert from 'node:assert/strict';
import { ContentPolicy, findSecret, redactSecrets, secretFileNameReason, type WorkspaceFs } from '../../../src/policy';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { chars, makeWorkspace, privateKeyBlock, type Workspace } from '../security/hostile';

const npmToken = () => `${'npm'}_${chars(36)}`;

/** A file system with no files at all: every read and real path fails. */
const emptyFs: WorkspaceFs = {
  readFile: () => Promise.reject(new Error('ENOENT')),
  stat: () => Promise.reject(new Error('ENOENT')),
  readDirectory: () => Promise.reject(new Error('ENOENT')),
  realPath: () => Promise.reject(new Error('ENOENT')),
};

describe('policy: ContentPolicy', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  it('decides by path in a fixed order: secret name, user exclude, files.exclude, ignore files, global excludes', async () => {
    const policy = new ContentPolicy({
      fs: nodeWorkspaceFs,
      root: ws.root,
      exclude: ['drafts/'],
      filesExclude: ['**/*.tmp'],
      ignoreFiles: { match: (rel) => Promise.resolve(rel.startsWith('build/') ? "'build/' in .gitignore" : undefined) },
      globalExcludes: { source: '~/.gitignore_global', text: '*.bak\n' },
    });
    const reason = async (rel: string, folder = false) => {
      const e = await policy.pathExclusion(rel, folder);
      return e && [e.path, e.reason, e.detail];
    };
    assert.deepEqual(await reason('drafts/.env'), [
      'drafts/.env',
      'secret',
      "file name matches the secret-file rule '.env'",
    ]);
    assert.deepEqual(await reason('drafts', true), [
      'drafts/',
      'user-exclude',
      "matches 'drafts/' in claudeMultiAgent.exclude",
    ]);
    assert.deepEqual(await reason('a/b.tmp'), ['a/b.tmp', 'files-exclude', "matches '**/*.tmp' in files.exclude"]);
    assert.deepEqual(await reason('build/x.bak'), ['build/x.bak', 'gitignore', "ignored by 'build/' in .gitignore"]);
    assert.deepEqual(await reason('src/x.bak'), [
      'src/x.bak',
      'gitignore',
      "ignored by '*.bak' in your global git excludes (~/.gitignore_global)",
    ]);
    assert.equal(await reason('src/x.ts'), undefined);
    assert.equal(await policy.withoutIgnoreFiles().pathExclusion('build/y.ts', false), undefined);
  });

  it('refuses a path it cannot resolve when reading, and allows it for editor text (an unsaved file)', async () => {
    const policy = new ContentPolicy({ fs: nodeWorkspaceFs, root: ws.root });
    assert.equal((await policy.realPathExclusion('missing.ts'))?.reason, 'unreadable');
    assert.equal(await policy.realPathExclusion('missing.ts', false, 'allow'), undefined);
    assert.equal(await policy.editorTextExclusion('new-file.ts', 'let a = 1;\n'), undefined);
  });

  it('judges editor text by path, real path and content, with line numbers from the selection start', async () => {
    const policy = new ContentPolicy({ fs: nodeWorkspaceFs, root: ws.root });
    ws.write('src/a.ts', 'x');
    const hit = await policy.editorTextExclusion(`${ws.root}/src/a.ts`, `ok\nconst t = "${npmToken()}";\n`, 40);
    assert.deepEqual(hit && [hit.path, hit.reason], ['src/a.ts', 'secret']);
    assert.match(hit?.detail ?? '', /^contains a secret \(secretlint rule npm \(NPM_ACCESS_TOKEN\)\) on line 41$/);
    assert.ok(!hit?.detail.includes(npmToken()), 'the value is never in the reason');
  });

  it('outside any workspace only name and content rules apply, to the absolute path', async () => {
    const policy = new ContentPolicy({ fs: emptyFs });
    assert.equal((await policy.editorTextExclusion('/home/me/.kube/config', 'apiVersion: v1\n'))?.reason, 'secret');
    assert.equal(await policy.editorTextExclusion('/home/me/notes.md', 'hello\n'), undefined);
  });
});

describe('policy: secret content', () => {
  it('a secretlint-disable comment in the file does not let a key through', async () => {
    const found = await findSecret(`// secretlint-disable\nconst t = "${npmToken()}";\n`);
    assert.equal(found?.line, 2);
  });

  it('names the file rule that matched, for paths as well as names', () => {
    assert.match(secretFileNameReason('infra/prod/terraform.tfstate') ?? '', /'\*\.tfstate'/);
    assert.match(secretFileNameReason('/home/me/.docker/config.json') ?? '', /\.docker\/config\.json/);
    assert.equal(secretFileNameReason('src/config.json'), undefined);
    assert.equal(secretFileNameReason('docs/credentials-guide.md'), undefined);
  });

  it("redaction (for exports and findings) removes whole private-key blocks and the hand-written rules' tokens", () => {
    const key = privateKeyBlock();
    const out = redactSecrets(`before\n${key.text}after`);
    assert.equal(out, 'before\n[redacted secret]\nafter');
    const unterminated = redactSecrets(`${key.text.split('-----END')[0]!}tail`);
    assert.ok(!unterminated.includes(key.body.split('\n')[1]!));
    assert.equal(redactSecrets(`x ${'whsec'}_${chars(32)} y`), 'x [redacted secret] y');
  });
});
