import assert from 'node:assert/strict';
import { gatherContext } from '../../../src/review/context/gatherContext';
import { NothingToReviewError } from '../../../src/review/context/errors';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import type { GatherInput, GatheredContext, ReviewTarget } from '../../../src/review/context/types';
import type { WorkspaceFs } from '../../../src/review/context/workspaceFs';
import { fakeSecrets, makeTree, type TempTree } from './tempTree';

function gather(root: string, target: ReviewTarget, extra: Partial<GatherInput> = {}): Promise<GatheredContext> {
  return gatherContext({ fs: nodeWorkspaceFs, workspaceRoot: root, target, budgetTokens: 100_000, ...extra });
}

const everything: ReviewTarget = { kind: 'paths', paths: ['.'] };

function reasonOf(ctx: GatheredContext, path: string): string | undefined {
  return ctx.excluded.find((e) => e.path === path)?.reason;
}

function includedPaths(ctx: GatheredContext): string[] {
  return [...new Set(ctx.files.map((f) => f.path))];
}

describe('review context: gathering files and folders', () => {
  let tree: TempTree | undefined;
  afterEach(() => tree?.remove());

  it('lists every line with its 1-based number inside a <file> tag with a workspace-relative path', async () => {
    tree = makeTree({ 'src/a.ts': 'const a = 1;\nconst b = 2;\n', 'src/deep/b.ts': 'export {};\n' });
    const ctx = await gather(tree.root, everything);
    assert.match(
      ctx.systemText,
      /<file path="src\/a\.ts" lines="1-2">\n {3}1\| const a = 1;\n {3}2\| const b = 2;\n<\/file>/,
    );
    assert.deepEqual(
      ctx.files.map((f) => [f.path, f.startLine, f.endLine]),
      [
        ['src/a.ts', 1, 2],
        ['src/deep/b.ts', 1, 1],
      ],
    );
    assert.ok(ctx.files.every((f) => f.tokens > 0));
    assert.ok(ctx.systemText.startsWith('<code-under-review>\n'));
    assert.equal(ctx.totalTokens, Math.ceil(ctx.systemText.length / 4));
  });

  it('accepts absolute paths and reports paths outside the workspace', async () => {
    tree = makeTree({ 'src/a.ts': 'x\n' });
    const ctx = await gather(tree.root, {
      kind: 'paths',
      paths: [`${tree.root}/src/a.ts`, '/definitely/elsewhere.ts', 'missing.ts'],
    });
    assert.deepEqual(includedPaths(ctx), ['src/a.ts']);
    assert.equal(reasonOf(ctx, '/definitely/elsewhere.ts'), 'outside-workspace');
    assert.equal(reasonOf(ctx, 'missing.ts'), 'not-found');
  });

  it('honours nested .gitignore files, including re-inclusion, but never re-includes inside an ignored folder', async () => {
    tree = makeTree({
      '.gitignore': '*.log\ntmp/\nlocked/\n',
      'app.ts': 'ok\n',
      'debug.log': 'noise\n',
      'tmp/scratch.ts': 'scratch\n',
      'pkg/.gitignore': 'generated.ts\n!keep.log\n',
      'pkg/generated.ts': 'gen\n',
      'pkg/keep.log': 'kept on purpose\n',
      'pkg/other.ts': 'other\n',
      'locked/.gitignore': '!inside.ts\n',
      'locked/inside.ts': 'inside\n',
    });
    const ctx = await gather(tree.root, everything);
    assert.deepEqual(includedPaths(ctx), ['.gitignore', 'app.ts', 'pkg/.gitignore', 'pkg/keep.log', 'pkg/other.ts']);
    assert.equal(reasonOf(ctx, 'debug.log'), 'gitignore');
    assert.equal(reasonOf(ctx, 'tmp/'), 'gitignore');
    const generated = ctx.excluded.find((e) => e.path === 'pkg/generated.ts');
    assert.equal(generated?.reason, 'gitignore');
    assert.match(generated!.detail, /'generated\.ts' in pkg\/\.gitignore/);

    // Named explicitly, a file in an ignored folder stays out despite the nested "!inside.ts".
    const named = await gather(tree.root, { kind: 'paths', paths: ['locked/inside.ts', 'app.ts'] });
    assert.equal(reasonOf(named, 'locked/inside.ts'), 'gitignore');
    assert.deepEqual(includedPaths(named), ['app.ts']);
  });

  it('can be told not to honour .gitignore, and takes .gitignore text from the caller when given', async () => {
    tree = makeTree({ '.gitignore': '*.log\n', 'a.log': 'log\n', 'b.ts': 'b\n' });
    const ignored = await gather(tree.root, everything, { respectGitignore: false });
    assert.ok(includedPaths(ignored).includes('a.log'));
    const overridden = await gather(tree.root, everything, { gitignoreText: { '': 'b.ts\n' } });
    assert.ok(includedPaths(overridden).includes('a.log'));
    assert.equal(reasonOf(overridden, 'b.ts'), 'gitignore');
  });

  it('applies files.exclude globs (anchored, with braces) and the extra exclude setting', async () => {
    tree = makeTree({
      'src/a.ts': 'a\n',
      'src/a.test.ts': 'test\n',
      'src/__snapshots__/a.snap': 'snap\n',
      'docs/guide.md': 'guide\n',
      'examples/demo.ts': 'demo\n',
      'nested/docs/kept.md': 'kept\n',
    });
    const ctx = await gather(tree.root, everything, {
      filesExclude: ['**/*.snap', '{docs,examples}'],
      extraExclude: ['*.test.ts'],
    });
    assert.deepEqual(includedPaths(ctx), ['nested/docs/kept.md', 'src/a.ts']);
    assert.equal(reasonOf(ctx, 'src/__snapshots__/a.snap'), 'files-exclude');
    assert.equal(reasonOf(ctx, 'docs/'), 'files-exclude');
    assert.equal(reasonOf(ctx, 'examples/'), 'files-exclude');
    const user = ctx.excluded.find((e) => e.path === 'src/a.test.ts');
    assert.equal(user?.reason, 'user-exclude');
    assert.match(user!.detail, /claudeMultiAgent\.exclude/);
  });

  it('always skips dependency and build folders and lock files', async () => {
    tree = makeTree({
      'index.ts': 'x\n',
      'node_modules/lib/index.js': 'lib\n',
      'packages/app/node_modules/x.js': 'x\n',
      'dist/out.js': 'built\n',
      'coverage/lcov.info': 'cov\n',
      'package-lock.json': '{}\n',
      'yarn.lock': '#\n',
    });
    const ctx = await gather(tree.root, everything);
    assert.deepEqual(includedPaths(ctx), ['index.ts']);
    assert.equal(reasonOf(ctx, 'node_modules/'), 'always-skipped');
    assert.equal(reasonOf(ctx, 'packages/app/node_modules/'), 'always-skipped');
    assert.equal(reasonOf(ctx, 'dist/'), 'always-skipped');
    assert.equal(reasonOf(ctx, 'coverage/'), 'always-skipped');
    assert.equal(reasonOf(ctx, 'package-lock.json'), 'lock-file');
    assert.equal(reasonOf(ctx, 'yarn.lock'), 'lock-file');
    assert.ok(!ctx.systemText.includes('lib\n'));
  });

  it('skips binary, minified and generated files', async () => {
    const longLine = `var a=${'1+'.repeat(400)}1;`;
    tree = makeTree({
      'ok.ts': 'fine\n',
      'blob.txt': new Uint8Array([104, 105, 0, 1, 2, 3]),
      'latin1.txt': new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0xe9 : 0xff))),
      'logo.png': 'not really a png\n',
      'app.min.js': 'small\n',
      'app.js.map': '{}\n',
      'bundle.js': `${longLine}\n${longLine}\n`,
      'api.pb.ts': '// Code generated by protoc-gen. DO NOT EDIT.\nexport {};\n',
      'schema.ts': '/**\n * @generated\n */\nexport {};\n',
    });
    const ctx = await gather(tree.root, everything);
    assert.deepEqual(includedPaths(ctx), ['ok.ts']);
    assert.equal(reasonOf(ctx, 'blob.txt'), 'binary');
    assert.equal(reasonOf(ctx, 'latin1.txt'), 'binary');
    assert.equal(reasonOf(ctx, 'logo.png'), 'binary');
    assert.equal(reasonOf(ctx, 'app.min.js'), 'minified');
    assert.equal(reasonOf(ctx, 'app.js.map'), 'minified');
    assert.equal(reasonOf(ctx, 'bundle.js'), 'minified');
    assert.equal(reasonOf(ctx, 'api.pb.ts'), 'generated');
    assert.equal(reasonOf(ctx, 'schema.ts'), 'generated');
  });

  it('never sends secrets: by file name or by content, with the rule named but not the value', async () => {
    tree = makeTree({
      'src/app.ts': 'export const ok = true;\n',
      '.env': 'DATABASE_URL=postgres://localhost/dev\n',
      '.env.production': 'X=1\n',
      '.env.example': 'API_KEY=put-your-key-here\n',
      'deploy/.env.sample': `AWS_ACCESS_KEY_ID=${fakeSecrets.aws}\n`,
      'certs/server.pem': 'whatever\n',
      'src/keys.ts': `export const k = \`\n${fakeSecrets.privateKeyHeader}\n${fakeSecrets.privateKeyBody}\n\`;\n`,
      'src/client.ts': `const a = 1;\nconst apiKey = "${fakeSecrets.anthropic}";\n`,
      'src/gh.ts': `token: '${fakeSecrets.github}'\n`,
      'src/openai.py': `KEY = "${fakeSecrets.openai}"\n`,
      'src/kebab.css': '.sk-this-is-a-very-long-kebab-case-class-name-without-digits { color: red }\n',
    });
    const ctx = await gather(tree.root, everything);
    assert.deepEqual(includedPaths(ctx), ['.env.example', 'src/app.ts', 'src/kebab.css']);
    for (const path of [
      '.env',
      '.env.production',
      'deploy/.env.sample',
      'certs/server.pem',
      'src/keys.ts',
      'src/client.ts',
      'src/gh.ts',
      'src/openai.py',
    ]) {
      assert.equal(reasonOf(ctx, path), 'secret', path);
    }
    const detail = (p: string) => ctx.excluded.find((e) => e.path === p)!.detail;
    assert.match(detail('.env'), /'\.env'/);
    assert.match(detail('certs/server.pem'), /'\*\.pem'/);
    assert.match(detail('src/keys.ts'), /private key block \(?on line 2/);
    assert.match(detail('src/client.ts'), /Anthropic API key on line 2/);
    assert.match(detail('deploy/.env.sample'), /AWS access key/);
    const everythingSaid = ctx.systemText + JSON.stringify(ctx.excluded) + JSON.stringify(ctx.files);
    for (const secret of Object.values(fakeSecrets))
      assert.ok(!everythingSaid.includes(secret), `leaked ${secret.slice(0, 8)}…`);
    assert.ok(!ctx.systemText.includes('DATABASE_URL'));
  });

  it('fills the budget in a stable order (named files first, then by path) and lists the rest', async () => {
    const body = (n: number) => `${'x'.repeat(70)}\n`.repeat(n);
    tree = makeTree({
      'lib/a.ts': body(10),
      'lib/b.ts': body(10),
      'lib/c.ts': body(10),
      'lib/huge.ts': body(200),
      'lib/d.ts': body(10),
      'z-named.ts': body(10),
    });
    const one = Math.ceil(
      (`<file path="lib/a.ts" lines="1-10">\n` + `   1| ${'x'.repeat(70)}\n`.repeat(10) + '</file>').length / 4,
    );
    const ctx = await gather(tree.root, { kind: 'paths', paths: ['lib', 'z-named.ts'] }, { budgetTokens: one * 3 + 5 });
    assert.deepEqual(includedPaths(ctx), ['z-named.ts', 'lib/a.ts', 'lib/b.ts']);
    assert.ok(ctx.systemText.indexOf('z-named.ts') < ctx.systemText.indexOf('lib/a.ts'));
    const leftOut = ctx.excluded.filter((e) => e.reason === 'budget');
    assert.deepEqual(
      leftOut.map((e) => e.path),
      ['lib/c.ts', 'lib/d.ts', 'lib/huge.ts'],
    );
    // 5 tokens left cannot hold any listing, so the rest is left out without being stat-ed.
    const huge = leftOut.find((e) => e.path === 'lib/huge.ts')!;
    assert.equal(huge.bytes, undefined);
    assert.match(huge.detail, /budget was used up/);
    assert.ok(ctx.files.reduce((sum, f) => sum + f.tokens, 0) <= one * 3 + 5);
    assert.match(ctx.systemText, /3 other items were left out/);
  });

  it('skips a file that does not fit but still takes smaller ones after it', async () => {
    tree = makeTree({ 'a-big.ts': `${'y'.repeat(80)}\n`.repeat(50), 'b-small.ts': 'tiny\n' });
    const ctx = await gather(tree.root, everything, { budgetTokens: 200 });
    assert.deepEqual(includedPaths(ctx), ['b-small.ts']);
    assert.equal(reasonOf(ctx, 'a-big.ts'), 'budget');
  });

  it('leaves out files over maxFileBytes unread and stops walking at maxFiles', async () => {
    tree = makeTree({ 'big.ts': 'z\n'.repeat(1500), 'f1.ts': '1\n', 'f2.ts': '2\n', 'f3.ts': '3\n' });
    const small = await gather(tree.root, everything, { maxFileBytes: 1024 });
    const big = small.excluded.find((e) => e.path === 'big.ts');
    assert.equal(big?.reason, 'too-large');
    assert.equal(big?.bytes, 3000);
    const capped = await gather(tree.root, everything, { maxFiles: 2 });
    assert.deepEqual(includedPaths(capped), ['big.ts', 'f1.ts']);
    assert.equal(reasonOf(capped, './'), 'max-files');
  });

  it('is deterministic: same bytes on every run, whatever order the file system lists entries in', async () => {
    tree = makeTree({ 'b/x.ts': 'x\n', 'a/y.ts': 'y\n', 'c.ts': 'c\n', 'a/z/w.ts': 'w\n', '.gitignore': 'none\n' });
    const shuffled: WorkspaceFs = {
      ...nodeWorkspaceFs,
      readDirectory: async (p) => (await nodeWorkspaceFs.readDirectory(p)).reverse(),
    };
    const first = await gather(tree.root, everything);
    const second = await gather(tree.root, everything);
    const third = await gather(tree.root, everything, { fs: shuffled });
    assert.equal(second.systemText, first.systemText);
    assert.equal(third.systemText, first.systemText);
    assert.deepEqual(third.files, first.files);
  });

  it('throws a user-facing error for empty targets and when everything is excluded', async () => {
    tree = makeTree({ '.env': 'A=1\n', 'pic.png': 'x', 'empty/.keep': '' });
    await assert.rejects(gather(tree.root, { kind: 'paths', paths: [] }), (err: unknown) => {
      assert.ok(err instanceof NothingToReviewError);
      assert.equal(err.kind, 'empty-target');
      assert.match(err.message, /^Nothing to review/);
      return true;
    });
    await assert.rejects(gather(tree.root, { kind: 'paths', paths: ['.env', 'pic.png'] }), (err: unknown) => {
      assert.ok(err instanceof NothingToReviewError);
      assert.equal(err.kind, 'all-excluded');
      assert.match(err.message, /\.env \(file name matches/);
      assert.match(err.message, /pic\.png \(binary file type\)/);
      assert.equal(err.excluded.length, 2);
      return true;
    });
  });

  it('stops when the signal is aborted', async () => {
    tree = makeTree({ 'a.ts': 'a\n' });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(gather(tree.root, everything, { signal: controller.signal }), { name: 'AbortError' });
  });
});
