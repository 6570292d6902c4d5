import assert from 'node:assert/strict';
import { gatherContext } from '../../../src/review/context/gatherContext';
import { NothingToReviewError } from '../../../src/review/context/errors';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { parseUnifiedDiff } from '../../../src/review/context/diffParser';
import type { GatheredContext, GatherInput, ReviewTarget } from '../../../src/review/context/types';
import { fakeSecrets } from './tempTree';

const ROOT = '/work/project';

function gather(target: ReviewTarget, extra: Partial<GatherInput> = {}): Promise<GatheredContext> {
  return gatherContext({ fs: nodeWorkspaceFs, workspaceRoot: ROOT, target, budgetTokens: 50_000, ...extra });
}

describe('review context: selections', () => {
  it('numbers the selected lines with their real line numbers in the file', async () => {
    const ctx = await gather({
      kind: 'selection',
      path: `${ROOT}/src/auth/login.ts`,
      startLine: 41,
      endLine: 43,
      text: 'if (!user) {\n  throw new Error("no user");\n}',
    });
    assert.deepEqual(ctx.files, [
      { path: 'src/auth/login.ts', startLine: 41, endLine: 43, tokens: ctx.files[0]!.tokens },
    ]);
    assert.match(
      ctx.systemText,
      /<file path="src\/auth\/login\.ts" lines="41-43">\n {2}41\| if \(!user\) \{\n {2}42\| {3}throw new Error\("no user"\);\n {2}43\| \}\n<\/file>/,
    );
    assert.match(ctx.systemText, /a selection the user made/);
  });

  it('derives the end line from the text when the selection ends at column 0 of the next line', async () => {
    const ctx = await gather({ kind: 'selection', path: 'a.py', startLine: 10, endLine: 12, text: 'x = 1\ny = 2\n' });
    assert.equal(ctx.files[0]!.endLine, 11);
  });

  it('refuses an empty selection with a user-facing message', async () => {
    await assert.rejects(
      gather({ kind: 'selection', path: 'a.ts', startLine: 1, endLine: 1, text: '  \n\t' }),
      (err: unknown) => {
        assert.ok(err instanceof NothingToReviewError);
        assert.equal(err.kind, 'empty-target');
        assert.equal(err.message, 'Nothing to review: the selection is empty.');
        return true;
      },
    );
  });

  it('refuses a selection containing a key, naming the rule and line but not the key', async () => {
    const text = `const client = new Anthropic({\n  apiKey: "${fakeSecrets.anthropic}",\n});`;
    await assert.rejects(
      gather({ kind: 'selection', path: 'src/client.ts', startLine: 20, endLine: 22, text }),
      (err: unknown) => {
        assert.ok(err instanceof NothingToReviewError);
        assert.equal(err.kind, 'all-excluded');
        assert.match(err.message, /Anthropic API key on line 21/);
        assert.ok(!err.message.includes(fakeSecrets.anthropic));
        assert.equal(err.excluded[0]?.reason, 'secret');
        return true;
      },
    );
  });

  it('refuses a selection made in a secret file or a file the user excluded', async () => {
    await assert.rejects(
      gather({ kind: 'selection', path: `${ROOT}/.env`, startLine: 1, endLine: 1, text: 'DEBUG=1' }),
      /secret-file rule '\.env'/,
    );
    await assert.rejects(
      gather(
        { kind: 'selection', path: 'private/notes.md', startLine: 1, endLine: 1, text: 'hello' },
        { extraExclude: ['private/'] },
      ),
      /claudeMultiAgent\.exclude/,
    );
  });

  it('leaves a selection too big for the budget out rather than truncating it', async () => {
    await assert.rejects(
      gather(
        { kind: 'selection', path: 'a.ts', startLine: 1, endLine: 200, text: 'const x = 1;\n'.repeat(200) },
        { budgetTokens: 100 },
      ),
      (err: unknown) => err instanceof NothingToReviewError && err.excluded[0]?.reason === 'budget',
    );
  });
});

const DIFF = [
  'diff --git a/src/math.ts b/src/math.ts',
  'index 1111111..2222222 100644',
  '--- a/src/math.ts',
  '+++ b/src/math.ts',
  '@@ -10,4 +10,5 @@ export function sum(values: number[]) {',
  '   let total = 0;',
  '-  for (let i = 0; i < values.length; i++) {',
  '+  for (let i = 0; i <= values.length; i++) {',
  '+    // changed bound',
  '     total += values[i];',
  '   }',
  '@@ -40,3 +41,3 @@ export function mean(values: number[]) {',
  '   const n = values.length;',
  '-  return sum(values) / n;',
  '+  return n === 0 ? 0 : sum(values) / n;',
  ' }',
  'diff --git a/old/name.ts b/src/renamed.ts',
  'similarity index 90%',
  'rename from old/name.ts',
  'rename to src/renamed.ts',
  '--- a/old/name.ts',
  '+++ b/src/renamed.ts',
  '@@ -1,2 +1,2 @@',
  '-export const a = 1;',
  '+export const a = 2;',
  ' export const b = 3;',
  'diff --git a/src/gone.ts b/src/gone.ts',
  'deleted file mode 100644',
  '--- a/src/gone.ts',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-export {};',
  'diff --git a/src/new.ts b/src/new.ts',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/src/new.ts',
  '@@ -0,0 +1,2 @@',
  '+export const fresh = true;',
  '+export const other = 1;',
  '\\ No newline at end of file',
  'diff --git a/package-lock.json b/package-lock.json',
  '--- a/package-lock.json',
  '+++ b/package-lock.json',
  '@@ -1 +1 @@',
  '-{}',
  '+{ }',
  'diff --git a/assets/logo.png b/assets/logo.png',
  'Binary files a/assets/logo.png and b/assets/logo.png differ',
  '',
].join('\n');

describe('review context: uncommitted changes', () => {
  it('parses files, statuses and new-file line numbers', () => {
    const files = parseUnifiedDiff(DIFF);
    assert.deepEqual(
      files.map((f) => [f.oldPath, f.newPath, f.status, f.binary, f.hunks.length]),
      [
        ['src/math.ts', 'src/math.ts', 'modified', false, 2],
        ['old/name.ts', 'src/renamed.ts', 'renamed', false, 1],
        ['src/gone.ts', undefined, 'deleted', false, 1],
        [undefined, 'src/new.ts', 'added', false, 1],
        ['package-lock.json', 'package-lock.json', 'modified', false, 1],
        ['assets/logo.png', 'assets/logo.png', 'modified', true, 0],
      ],
    );
    const first = files[0]!.hunks[0]!;
    assert.deepEqual(
      first.lines.map((l) => [l.kind, l.newLine]),
      [
        ['context', 10],
        ['removed', undefined],
        ['added', 11],
        ['added', 12],
        ['context', 13],
        ['context', 14],
      ],
    );
  });

  it('renders hunks numbered by the working-tree file, one included range per hunk', async () => {
    const ctx = await gather({ kind: 'diff', diffText: DIFF });
    assert.deepEqual(
      ctx.files.map((f) => [f.path, f.startLine, f.endLine]),
      [
        ['src/math.ts', 10, 14],
        ['src/math.ts', 41, 43],
        ['src/new.ts', 1, 2],
        ['src/renamed.ts', 1, 2],
      ],
    );
    const math = /<file path="src\/math\.ts" lines="10-14,41-43" change="modified">\n([\s\S]*?)\n<\/file>/.exec(
      ctx.systemText,
    );
    assert.ok(math, ctx.systemText);
    assert.deepEqual(math[1]!.split('\n'), [
      '@@ -10,4 +10,5 @@ export function sum(values: number[]) {',
      '  10|   let total = 0;',
      '    |-  for (let i = 0; i < values.length; i++) {',
      '  11|+  for (let i = 0; i <= values.length; i++) {',
      '  12|+    // changed bound',
      '  13|     total += values[i];',
      '  14|   }',
      '@@ -40,3 +41,3 @@ export function mean(values: number[]) {',
      '  41|   const n = values.length;',
      '    |-  return sum(values) / n;',
      '  42|+  return n === 0 ? 0 : sum(values) / n;',
      '  43| }',
    ]);
    assert.match(ctx.systemText, /change="renamed from old\/name\.ts"/);
    assert.match(ctx.systemText, /uncommitted changes/);
    const reasons = Object.fromEntries(ctx.excluded.map((e) => [e.path, e.reason]));
    assert.deepEqual(reasons, {
      'assets/logo.png': 'binary',
      'package-lock.json': 'lock-file',
      'src/gone.ts': 'deleted',
    });
  });

  it('drops every hunk of a file with a secret in its changes (added or removed) and keeps the others', async () => {
    const leaky = [
      'diff --git a/src/config.ts b/src/config.ts',
      '--- a/src/config.ts',
      '+++ b/src/config.ts',
      '@@ -1,2 +1,2 @@',
      ` export const region = "eu";`,
      `-export const key = "${fakeSecrets.anthropic}";`,
      '+export const key = process.env.KEY;',
      'diff --git a/.env b/.env',
      '--- a/.env',
      '+++ b/.env',
      '@@ -1 +1 @@',
      '-A=1',
      '+A=2',
      'diff --git a/src/ok.ts b/src/ok.ts',
      '--- a/src/ok.ts',
      '+++ b/src/ok.ts',
      '@@ -5 +5 @@',
      '-let x = 1;',
      '+const x = 1;',
    ].join('\n');
    const ctx = await gather({ kind: 'diff', diffText: leaky });
    assert.deepEqual([...new Set(ctx.files.map((f) => f.path))], ['src/ok.ts']);
    assert.equal(ctx.excluded.find((e) => e.path === 'src/config.ts')?.reason, 'secret');
    assert.equal(ctx.excluded.find((e) => e.path === '.env')?.reason, 'secret');
    assert.ok(!ctx.systemText.includes(fakeSecrets.anthropic));
    assert.ok(!ctx.systemText.includes('process.env.KEY'));
  });

  it('says there is nothing to review for an empty diff', async () => {
    await assert.rejects(gather({ kind: 'diff', diffText: '\n' }), /Nothing to review: there are no changes/);
  });

  it('reads plain diff -u output too', async () => {
    const plain = [
      '--- a.txt\t2024-01-01 00:00:00',
      '+++ a.txt\t2024-01-02 00:00:00',
      '@@ -3,2 +3,2 @@',
      '-old',
      '+new',
      ' same',
    ].join('\n');
    const ctx = await gather({ kind: 'diff', diffText: plain });
    assert.deepEqual(
      ctx.files.map((f) => [f.path, f.startLine, f.endLine]),
      [['a.txt', 3, 4]],
    );
  });
});
