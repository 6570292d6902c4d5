// The project's own instruction files as review context: which are found for which reviewed files,
// in what order and under what budget, that they pass the content policy, and that an untrusted
// workspace has none read. Real files through node:fs.
import assert from 'node:assert/strict';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { ContentPolicy, type WorkspaceFs } from '../../../src/policy';
import { discoverProjectRules, RULES_KINDS, type RulesInput, type RulesKind } from '../../../src/review/rules';
import { fakeSecrets, makeTree, type TempTree } from './tempTree';

const trees: TempTree[] = [];
afterEach(() => trees.splice(0).forEach((t) => t.remove()));

function setUp(files: Record<string, string>, extra: Partial<RulesInput> = {}, fs: WorkspaceFs = nodeWorkspaceFs) {
  const tree = makeTree(files);
  trees.push(tree);
  const input: RulesInput = {
    fs,
    root: tree.root,
    policy: new ContentPolicy({ fs, root: tree.root }),
    reviewed: ['src/pay/charge.ts'],
    kinds: RULES_KINDS,
    extraPaths: [],
    budgetTokens: 10_000,
    trusted: true,
    ...extra,
  };
  return discoverProjectRules(input);
}

const paths = (r: { files: Array<{ path: string }> }) => r.files.map((f) => f.path);

describe('review: project rules files', () => {
  it('reads CLAUDE.md and AGENTS.md at the root and in the folders above each reviewed file, not elsewhere', async () => {
    const r = await setUp({
      'CLAUDE.md': 'root claude rule',
      'AGENTS.md': 'root agents rule',
      'src/CLAUDE.md': 'src rule',
      'src/pay/CLAUDE.md': 'payments rule',
      'docs/CLAUDE.md': 'docs rule, for other files',
      'src/pay/charge.ts': 'x',
    });
    assert.deepEqual(paths(r), ['CLAUDE.md', 'src/CLAUDE.md', 'src/pay/CLAUDE.md', 'AGENTS.md']);
    assert.match(
      r.systemText,
      /<rules-file path="src\/pay\/CLAUDE.md" applies-to="src\/pay\/\*\*">\npayments rule\n<\/rules-file>/,
    );
    assert.doesNotMatch(r.systemText, /docs rule/);
    assert.match(r.systemText, /do not report what they explicitly allow/);
  });

  it('reads REVIEW.md and .github/copilot-instructions.md at the root, REVIEW.md first', async () => {
    const r = await setUp({
      'REVIEW.md': 'review rule',
      '.github/copilot-instructions.md': 'copilot rule',
      'CLAUDE.md': 'claude rule',
    });
    assert.deepEqual(paths(r), ['REVIEW.md', 'CLAUDE.md', '.github/copilot-instructions.md']);
    assert.ok(r.systemText.indexOf('review rule') < r.systemText.indexOf('claude rule'));
    assert.ok(r.files.every((f) => f.tokens > 0));
  });

  it('applies .github/instructions/*.instructions.md by their applyTo globs, and says why others were not used', async () => {
    const r = await setUp({
      '.github/instructions/ts.instructions.md': '---\napplyTo: "**/*.ts,**/*.tsx"\n---\nTypeScript rule',
      '.github/instructions/py.instructions.md': '---\napplyTo: "**/*.py"\n---\nPython rule',
      '.github/instructions/pay.instructions.md': '---\napplyTo: "src/pay/**"\n---\nPayments rule',
      '.github/instructions/none.instructions.md': 'no front matter',
      '.github/instructions/README.md': 'not an instructions file',
    });
    assert.deepEqual(paths(r), ['.github/instructions/pay.instructions.md', '.github/instructions/ts.instructions.md']);
    assert.match(r.systemText, /applies-to="\*\*\/\*\.ts, \*\*\/\*\.tsx">\nTypeScript rule/);
    assert.doesNotMatch(
      r.systemText,
      /applyTo|Python rule|no front matter/,
      'front matter is not sent; out-of-scope files are not',
    );
    assert.deepEqual(r.leftOut.map((l) => [l.path, l.reason]).sort(), [
      ['.github/instructions/none.instructions.md', 'scope'],
      ['.github/instructions/py.instructions.md', 'scope'],
    ]);
  });

  it('applies .cursor/rules/*.mdc by alwaysApply or their globs (a list or a string)', async () => {
    const r = await setUp({
      '.cursor/rules/always.mdc': '---\ndescription: everywhere\nalwaysApply: true\n---\nAlways rule',
      '.cursor/rules/list.mdc': '---\nglobs:\n  - "**/*.ts"\n---\nList rule',
      '.cursor/rules/string.mdc': '---\nglobs: src/pay/*.ts\n---\nString rule',
      '.cursor/rules/css.mdc': '---\nglobs: "**/*.css"\n---\nCSS rule',
      '.cursor/rules/manual.mdc': '---\ndescription: only when asked\n---\nManual rule',
    });
    assert.deepEqual(paths(r), ['.cursor/rules/always.mdc', '.cursor/rules/list.mdc', '.cursor/rules/string.mdc']);
    assert.doesNotMatch(r.systemText, /CSS rule|Manual rule/);
  });

  it('reads only the kinds the setting lists, plus the extra paths it adds', async () => {
    const files = {
      'REVIEW.md': 'review rule',
      'CLAUDE.md': 'claude rule',
      'docs/STYLE.md': 'style rule',
      'AGENTS.md': 'agents',
    };
    const kinds: RulesKind[] = ['review'];
    const r = await setUp(files, { kinds, extraPaths: ['docs/STYLE.md', '../outside.md', 'missing.md'] });
    assert.deepEqual(
      r.files.map((f) => [f.path, f.kind]),
      [
        ['REVIEW.md', 'review'],
        ['docs/STYLE.md', 'extra'],
      ],
    );
  });

  it('takes whole files in order within the rules budget and names what did not fit', async () => {
    const r = await setUp(
      {
        'REVIEW.md': 'short review rule',
        'CLAUDE.md': `long ${'word '.repeat(400)}`,
        'AGENTS.md': 'short agents rule',
      },
      { budgetTokens: 120 },
    );
    assert.deepEqual(paths(r), ['REVIEW.md', 'AGENTS.md'], 'a smaller file after the one left out still fits');
    assert.equal(r.leftOut.length, 1);
    assert.equal(r.leftOut[0]!.path, 'CLAUDE.md');
    assert.equal(r.leftOut[0]!.reason, 'budget');
    assert.match(r.leftOut[0]!.detail, /120-token rules budget/);
    assert.doesNotMatch(r.systemText, /long word/);
    assert.ok(r.files.reduce((n, f) => n + f.tokens, 0) <= 120);
  });

  it('passes rules files through the content policy: a secret or an excluded file is not sent', async () => {
    const tree = makeTree({
      'REVIEW.md': `key: ${fakeSecrets.anthropic}`,
      'CLAUDE.md': 'fine',
      'AGENTS.md': 'private notes',
    });
    trees.push(tree);
    const r = await discoverProjectRules({
      fs: nodeWorkspaceFs,
      root: tree.root,
      policy: new ContentPolicy({ fs: nodeWorkspaceFs, root: tree.root, exclude: ['AGENTS.md'] }),
      reviewed: ['a.ts'],
      kinds: RULES_KINDS,
      extraPaths: [],
      budgetTokens: 10_000,
      trusted: true,
    });
    assert.deepEqual(paths(r), ['CLAUDE.md']);
    assert.deepEqual(
      r.leftOut.map((l) => [l.path, l.reason]),
      [
        ['REVIEW.md', 'policy'],
        ['AGENTS.md', 'policy'],
      ],
    );
    assert.doesNotMatch(r.systemText + JSON.stringify(r.leftOut), /sk-ant/);
  });

  it('reads nothing at all in an untrusted workspace', async () => {
    let calls = 0;
    const counting: WorkspaceFs = {
      readFile: (p) => (calls++, nodeWorkspaceFs.readFile(p)),
      stat: (p) => (calls++, nodeWorkspaceFs.stat(p)),
      readDirectory: (p) => (calls++, nodeWorkspaceFs.readDirectory(p)),
      realPath: (p) => (calls++, nodeWorkspaceFs.realPath(p)),
    };
    const r = await setUp(
      { 'REVIEW.md': 'rule', 'CLAUDE.md': 'rule', '.cursor/rules/a.mdc': '---\nalwaysApply: true\n---\nrule' },
      { trusted: false },
      counting,
    );
    assert.equal(r.untrusted, true);
    assert.equal(r.systemText, '');
    assert.deepEqual(r.files, []);
    assert.equal(calls, 0, 'not even a stat');
  });
});
