// Finding: brace expansion of globs was exponential. An 83-byte files.exclude entry (`**/` and
// sixteen `{a,b}`) in a hostile .vscode/settings.json, honoured in Restricted Mode, blocked a chat
// send 3.6 s and a review 12.3 s; two more groups threw RangeError and broke chat, review and
// delegation. The same expansion ran on a model's `glob` argument and on rules files' applyTo/globs.
// Braces are now alternation in one automaton. These tests drive every entry point with adversarial
// globs and check the answers (mocha's timeout guards against a stall; nothing here is timed).
import assert from 'node:assert/strict';
import { ContentPolicy, ExcludePatterns, GlobMatcher, MAX_GLOB_LENGTH, noWorkspaceFs } from '../../../src/policy';
import { openAgentWorkspace, ProposalCollector, workspaceTools } from '../../../src/delegate';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { scopeOf } from '../../../src/review/rules/scope';
import { chatAbout, makeWorkspace, reviewPaths, type Workspace } from './hostile';

const groups = (n: number) => '{a,b}'.repeat(n);
/** The finding's pattern: 83 bytes, 65,536 expansions. */
const HOSTILE_16 = `**/${groups(16)}`;
/** Two groups more: expansion threw RangeError. */
const HOSTILE_18 = `**/${groups(18)}`;

describe('security: globs with braces are matched, never expanded', () => {
  it('the hostile patterns from the finding match what they should', () => {
    assert.equal(HOSTILE_16.length, 83);
    for (const n of [16, 18, 40, 150]) {
      const m = new GlobMatcher([`**/${groups(n)}`]);
      const word = 'ab'.repeat(n).slice(0, n);
      assert.ok(m.match(`deep/er/${word}`), `${n} groups: a name of ${n} a/b letters`);
      assert.ok(m.match(`${word}/file.ts`), `${n} groups: inside such a folder`);
      assert.equal(m.match(`deep/${word}a`), undefined, `${n} groups: one letter too many`);
      assert.equal(m.match(`deep/${word.slice(1)}c`), undefined, `${n} groups: a wrong letter`);
    }
  });

  it('nested, unbalanced, empty and very wide groups keep their meaning', () => {
    const cases: Array<[glob: string, hits: string[], misses: string[]]> = [
      ['src/*.{js,map}', ['src/a.js', 'src/a.map'], ['src/a.ts', 'src/x/a.js']],
      ['{a,b/{c,d}}/x', ['a/x', 'b/c/x', 'b/d/x'], ['b/x', 'c/x']],
      [`${'{'.repeat(400)}deep${'}'.repeat(400)}`, ['deep'], ['dee']],
      ['{{{{a,b', ['{{{{a,b'], ['a', 'b']],
      ['a,b}', ['a,b}'], ['a']],
      ['x{,}y', ['xy'], ['x,y']],
      [`{${Array.from({ length: 150 }, (_, i) => `n${i}`).join(',')}}.ts`, ['n0.ts', 'n149.ts'], ['n150.ts']],
      [`f${'{,}'.repeat(300)}.log`, ['f.log'], ['f,.log']],
      ['**/{node_modules,.cache}/**', ['a/node_modules/x.js', 'node_modules/y', 'b/.cache/z'], ['nodes/x']],
      ['**/*.[jt]s', ['a/b.js', 'c.ts'], ['d.rs']],
      ['**/[!a]x', ['bx', 'q/cx'], ['ax']],
      ['out/', ['out/'], ['out']],
      ['out', ['out/', 'out/deep/file.ts'], ['src/out/']],
      ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b'], ['a/xb', 'b']],
      ['*.log', ['x.log'], ['a/x.log']],
      ['**', ['anything/at/all'], []],
    ];
    for (const [glob, hits, misses] of cases) {
      const m = new GlobMatcher([glob]);
      for (const hit of hits) assert.equal(m.match(hit), glob, `${glob.slice(0, 60)} should match ${hit}`);
      for (const miss of misses)
        assert.equal(m.match(miss), undefined, `${glob.slice(0, 60)} should not match ${miss}`);
    }
  });

  it('stays fast on globs built to blow up an automaton or a backtracking matcher, over long paths', () => {
    const longName = 'a'.repeat(250);
    const longPath = Array.from({ length: 16 }, () => longName).join('/');
    const hostile = [
      `{${Array.from({ length: 300 }, () => '*').join(',')}}b`,
      `${'*a'.repeat(300)}*b`,
      `**/${'?'.repeat(200)}b`,
      `${'**/'.repeat(200)}b`,
      `**/${groups(150)}`,
    ];
    const m = new GlobMatcher(hostile);
    for (let i = 0; i < 200; i++) assert.equal(m.match(`${longPath}${i}`), undefined);
    assert.equal(m.match(`${longName}b`), hostile[0]);
  });

  it('a glob too long to compile matches everything (fail closed) and says so', () => {
    const huge = `**/${'x'.repeat(MAX_GLOB_LENGTH)}`;
    const m = ExcludePatterns.fromVsCodeGlobs(['**/*.tmp', huge]);
    assert.match(m.match('src/any.ts') ?? '', /over 1000 characters; taken to match everything/);
  });

  describe('through the features', () => {
    let ws: Workspace;
    beforeEach(() => {
      ws = makeWorkspace();
      ws.write('src/app.ts', 'export const app = 1;\n');
      ws.write('lib/ab/hidden.ts', 'export const hidden = 1;\n');
    });
    afterEach(() => ws.remove());

    for (const [name, glob] of [
      ['83-byte', HOSTILE_16],
      ['RangeError', HOSTILE_18],
    ] as const) {
      it(`the ${name} files.exclude entry: the review, the chat and the policy answer, and apply it`, async () => {
        const filesExclude = [glob, '**/{lib/a{b,c},tmp}'];
        const review = await reviewPaths(ws.root, ['.'], { filesExclude });
        assert.ok(review.text.includes('export const app'));
        assert.ok(!review.text.includes('hidden'));
        assert.ok(review.excluded.some((e) => e.reason === 'files-exclude' && e.path === 'lib/ab/'));
        const chat = await chatAbout(ws.root, 'lib/ab/hidden.ts', 'export const hidden = 1;\n', { filesExclude });
        assert.equal(chat.included, false);
        const policy = new ContentPolicy({ fs: noWorkspaceFs, root: ws.root, filesExclude });
        assert.equal(
          (await policy.pathExclusion(`x/${'b'.repeat((glob.length - 3) / 5)}`, true))?.reason,
          'files-exclude',
        );
      });
    }

    it("a model's glob argument to list_files and search_text, and a rules file's applyTo", async () => {
      const tools = workspaceTools(openAgentWorkspace({ root: ws.root, fs: nodeWorkspaceFs }), new ProposalCollector());
      const run = (name: string, input: unknown) =>
        tools.find((t) => t.name === name)!.run(input, new AbortController().signal);
      assert.match(String(await run('list_files', { glob: `**/{${groups(20)},ab}/**` })), /lib\/ab\/hidden\.ts/);
      assert.match(String(await run('list_files', { glob: `{src,${groups(18)}}/*.ts` })), /src\/app\.ts/);
      assert.match(String(await run('search_text', { query: 'export', glob: HOSTILE_18 })), /No line contains/);
      const scope = scopeOf('copilotScoped', { data: { applyTo: `src/${groups(20)}.ts,src/*.ts` }, body: '' }, [
        'src/app.ts',
      ]);
      assert.equal(scope.applies, true);
    });
  });
});
