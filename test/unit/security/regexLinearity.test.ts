// Finding: regular expressions run on model output (attacker-influenced through prompt injection)
// were quadratic: liveDraft's `/\]\s*}?\s*$/` took 38 s on 256 KiB, re-run on every streamed update;
// plan.ts's `/[.:;,]+$/` 15.7 s on 128 KiB; editorFiles.ts's `/\s\[([^\]]+)\]$/` 6.4 s on 128 KiB.
// This check keeps a new super-linear pattern out of src/: every regular-expression literal is given
// to recheck's automaton-based analysis (structural, no timing, no randomness: deterministic), which
// also sees the quadratic cost of a search retried from every start position. A pattern may be
// allowed only where it provably never sees model output, with the reason written here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync, type Diagnostics } from 'recheck';
import ts from 'typescript';

const ROOT = join(__dirname, '../../..');

/** `file` and pattern literal → why it never sees model output. Keep this short. */
const ALLOWED: ReadonlyMap<string, string> = new Map([
  [
    'src/node/gitScopes.ts /^(.*?)(\\.\\.\\.?)(.*)$/',
    'splits a revision range the user typed in the commit picker or gave on the command line',
  ],
  [
    'src/node/globalGitExcludes.ts /^([A-Za-z][A-Za-z0-9-]*)\\s*=\\s*(.*)$/',
    "reads one line of the user's own global git configuration",
  ],
]);

/** Structural analysis only: no fuzzing, no recall run against a clock, no time limit. */
const PARAMS = { checker: 'automaton', timeout: null, recallTimeout: -1, randomSeed: 0 } as const;

interface Literal {
  file: string;
  line: number;
  text: string;
}

function regexLiterals(): Literal[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f));
  const out: Literal[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        out.push({ file, line, text: (node as ts.RegularExpressionLiteral).text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

function analyse(literal: string): Diagnostics {
  const slash = literal.lastIndexOf('/');
  return checkSync(literal.slice(1, slash), literal.slice(slash + 1), PARAMS);
}

describe('security: no regular expression in src/ is super-linear', function () {
  this.timeout(120_000); // a guard on a loaded machine; the check takes a few seconds of CPU

  it('recheck flags the three quadratic patterns of the finding (the check can fail)', () => {
    for (const pattern of ['/\\]\\s*}?\\s*$/', '/[.:;,]+$/', '/\\s\\[([^\\]]+)\\]$/']) {
      const result = analyse(pattern);
      assert.equal(result.status, 'vulnerable', pattern);
    }
    assert.equal(analyse('/^(?:Critical|High): /').status, 'safe');
  });

  it('every regular-expression literal in src/ is linear, or allowed with a reason', () => {
    const literals = regexLiterals();
    assert.ok(literals.length > 100, `found only ${literals.length} literals: is the scan broken?`);
    const verdicts = new Map<string, Diagnostics>();
    const problems: string[] = [];
    const allowedSeen = new Set<string>();
    for (const { file, line, text } of literals) {
      const key = `${file} ${text}`;
      if (ALLOWED.has(key)) {
        allowedSeen.add(key);
        continue;
      }
      let verdict = verdicts.get(text);
      if (!verdict) verdicts.set(text, (verdict = analyse(text)));
      if (verdict.status !== 'safe') {
        const why =
          verdict.status === 'vulnerable'
            ? `${verdict.complexity.type}${verdict.complexity.type === 'polynomial' ? ` (degree ${verdict.complexity.degree})` : ''}, e.g. ${verdict.attack.pattern}`
            : `${verdict.status}: ${verdict.error.kind}`;
        problems.push(`${file}:${line} ${text} — ${why}`);
      }
    }
    assert.deepEqual(
      problems,
      [],
      'super-linear patterns: make them linear (or, never on model output, allow them here)',
    );
    assert.deepEqual(
      [...ALLOWED.keys()].filter((k) => !allowedSeen.has(k)),
      [],
      'allowed patterns that no longer exist: remove them from ALLOWED',
    );
  });
});
