// "Remember for this project": a dismissed finding drafted into one rule line (its title, kind, file and
// the code it is about, quoted) and added to the Learnings section of REVIEW.md, creating the section or
// the file when missing; before saving, which current findings the rule would hide.
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/review';
import {
  applyInsertion,
  describePreview,
  draftLearning,
  learningInsertion,
  parseLearning,
  previewLearning,
  quotedCode,
} from '../../../src/review/learnings';
import { expertPrompt } from '../../../src/review/prompts';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { demoResponder, readAllowingLines } from '../../support/demoResponder';
import type { SimRequest } from '../../support/simulator/types';

const SQL = 'SQL query built by string concatenation';
const REPORT = [
  'export async function monthlyOrders(db: Db, month: string) {',
  '  const sql = "SELECT * FROM orders WHERE month = \'" + month + "\' ORDER BY total DESC";',
  '  return db.query(sql);',
  '}',
  'export async function yearlyOrders(db: Db, year: string) {',
  '  return db.query("SELECT * FROM orders WHERE year = \'" + year + "\'");',
  '}',
];
const finding = (id: string, line: number): Finding => ({
  id,
  file: 'src/report.ts',
  startLine: line,
  endLine: line,
  severity: 'critical',
  title: SQL,
  explanation: 'User input in SQL.',
  experts: ['Security'],
  kind: 'sql-query-built-by-string-concatenation',
});
const monthly = finding('f-monthly', 2);
const yearly = finding('f-yearly', 6);
const codeOf = (f: Finding) => REPORT.slice(f.startLine - 1, f.endLine).join('\n');

const RULE = 'Do not report "SQL" in `scripts/seed.ts`: offline tooling.';
const add = (existing: string | undefined, rule = RULE) => applyInsertion(existing, learningInsertion(existing, rule));

describe('review: learnings in REVIEW.md', () => {
  it("drafts one line naming the finding, its kind, its file and its code, from the user's reason", () => {
    const f = { file: 'scripts/seed.ts', title: 'SQL query built by\n"string" concatenation', kind: 'sql-injection' };
    assert.equal(
      draftLearning(f, 'const sql = "INSERT " + customer;'),
      'Do not report "SQL query built by \'string\' concatenation" (sql-injection) in `scripts/seed.ts` for the code `const sql = "INSERT " + customer;`: dismissed as a false positive.',
    );
    assert.equal(
      draftLearning({ file: 'a.ts', title: 'T' }, undefined, 'offline tooling, never user input.'),
      'Do not report "T" in `a.ts`: offline tooling, never user input.',
    );
    assert.equal(
      draftLearning({ file: 'a.ts', title: 'T' }, 'const s = `${x}`;'),
      'Do not report "T" in `a.ts` for the code `` const s = `${x}`; ``: dismissed as a false positive.',
      'code holding backticks gets a longer fence',
    );
  });

  it('quotes long code cut at a word, and reads every drafted rule back', () => {
    const long = quotedCode([`const x = ${'someValue + '.repeat(30)}1;`]);
    assert.ok(long.length <= 161 && long.endsWith('…'), long);
    for (const code of ['x <= y', 'const s = `${x}`;', long]) {
      const rule = draftLearning({ file: 'src/a.ts', title: 'T "q"', kind: 'k' }, code);
      assert.deepEqual(parseLearning(`- ${rule}`), { title: "T 'q'", kind: 'k', path: 'src/a.ts', code }, rule);
    }
    assert.equal(parseLearning('Never report style nits.'), undefined);
  });

  it('the drafted rule hides only the dismissed finding, not the same kind of finding on other code', () => {
    const rule = draftLearning(monthly, quotedCode([codeOf(monthly)]));
    const preview = previewLearning(rule, [monthly, yearly], codeOf);
    assert.deepEqual(
      preview.hides.map((f) => f.id),
      ['f-monthly'],
    );
    assert.deepEqual(describePreview(preview, monthly), {
      text: 'Hides only this finding (src/report.ts:2) in later reviews.',
      warn: false,
    });
  });

  it('the preview says which other findings a broadened rule would hide, and when it cannot tell', () => {
    const broad = `Do not report "${SQL}" in \`src/report.ts\`: dismissed as a false positive.`;
    const preview = previewLearning(broad, [monthly, yearly], codeOf);
    assert.deepEqual(describePreview(preview, monthly), {
      text: `Also hides 1 finding you did not dismiss: src/report.ts:6 "${SQL}".`,
      warn: true,
    });
    assert.equal(describePreview(previewLearning('Allow SQL here.', [monthly], codeOf), monthly).warn, true);
  });

  it('a reviewer honours the learned rule for the quoted code only', () => {
    const rule = draftLearning(monthly, quotedCode([codeOf(monthly)]));
    const listing = REPORT.map((t, i) => `${String(i + 1).padStart(4)}| ${t}`).join('\n');
    const system = `<rules-file path="REVIEW.md">\n${add(undefined, rule)}\n</rules-file>\n<file path="src/report.ts">\n${listing}\n</file>`;
    const security = BUILTIN_EXPERTS.find((e) => e.id === 'security')!;
    const body = {
      model: 'claude-sonnet-5-5',
      max_tokens: 1024,
      system: [{ type: 'text', text: system }],
      messages: [{ role: 'user', content: expertPrompt(security) }],
    };
    const reply = demoResponder({ ...body, body, headers: {} } as unknown as SimRequest);
    const parsed = JSON.parse(typeof reply === 'string' ? reply : '') as {
      findings: Array<{ startLine: number; title: string }>;
      suppressedByRules: Array<{ file: string; count: number }> | null;
    };
    assert.deepEqual(
      parsed.findings.map((f) => [f.startLine, f.title]),
      [[6, SQL]],
      'the other string-built query is still reported',
    );
    assert.deepEqual(parsed.suppressedByRules, [{ file: 'REVIEW.md', count: 1 }]);
  });

  it('creates REVIEW.md with a Learnings section when there is none', () => {
    const text = add(undefined);
    assert.match(text, /^# Review rules\n/);
    assert.match(text, /\n## Learnings\n\n- Do not report "SQL" in `scripts\/seed.ts`: offline tooling.\n$/);
  });

  it('adds the section at the end of a file without one, keeping a blank line before it', () => {
    assert.equal(add('# Rules\n\n- be kind'), `# Rules\n\n- be kind\n\n## Learnings\n\n- ${RULE}\n`);
    assert.equal(add('# Rules\n'), `# Rules\n\n## Learnings\n\n- ${RULE}\n`);
  });

  it('appends to the end of an existing section, before the next heading', () => {
    const before = '# Rules\n\n## Learnings\n\n- first\n\n## Style\n\n- tabs\n';
    assert.equal(add(before), `# Rules\n\n## Learnings\n\n- first\n- ${RULE}\n\n## Style\n\n- tabs\n`);
    assert.equal(add('## Learnings\n- first'), `## Learnings\n- first\n- ${RULE}\n`);
    assert.equal(add('## Learnings\n'), `## Learnings\n\n- ${RULE}\n`);
  });

  it('a saved learning is one the demo reviewer reads as a learned rule', () => {
    const rule = draftLearning({ file: 'scripts/seed.ts', title: SQL, kind: 'sql' }, 'const sql = "INSERT " + c;');
    const lines = readAllowingLines(`<rules-file path="REVIEW.md">\n${add(undefined, rule)}\n</rules-file>`);
    assert.ok(lines.some((l) => l.prefix === 'scripts/seed.ts' && l.learned?.code === 'const sql = "INSERT " + c;'));
  });
});
