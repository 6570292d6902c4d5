import assert from 'node:assert/strict';
import { fallbackMerge, similarTitles } from '../../../src/review/findings/fallbackMerge';
import { findingsToMarkdown } from '../../../src/review/findings/markdownExport';
import { parseExpertFindings, parseSynthesisFindings } from '../../../src/review/findings/parseFindings';
import { EXPERT_FINDINGS_SCHEMA, SYNTHESIS_SCHEMA, VERIFICATION_SCHEMA } from '../../../src/review/findings/schemas';
import type { ExpertResult, Finding, KnownFile } from '../../../src/review/findings/types';
import { fakeSecrets } from './tempTree';

const known: KnownFile[] = [
  { path: 'src/db.ts', startLine: 1, endLine: 40 },
  { path: 'src/math.ts', startLine: 10, endLine: 14 },
  { path: 'src/math.ts', startLine: 41, endLine: 43 },
];

const raw = (over: Record<string, unknown> = {}) => ({
  file: 'src/db.ts',
  startLine: 7,
  endLine: 7,
  severity: 'high',
  title: 'SQL injection in findUser',
  explanation: 'Concatenated input.',
  suggestedFix: null,
  ...over,
});

function walkSchemas(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walkSchemas(n, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walkSchemas(n, visit));
  }
}

describe('review findings: schemas', () => {
  for (const [name, schema] of [
    ['expert', EXPERT_FINDINGS_SCHEMA],
    ['synthesis', SYNTHESIS_SCHEMA],
    ['verification', VERIFICATION_SCHEMA],
  ] as const) {
    it(`${name} schema stays inside the structured-output subset`, () => {
      walkSchemas(schema, (obj) => {
        for (const banned of [
          'minimum',
          'maximum',
          'minLength',
          'maxLength',
          'pattern',
          'format',
          'minItems',
          'maxItems',
          'oneOf',
        ]) {
          assert.ok(!(banned in obj), `${name} schema uses ${banned}`);
        }
        if (obj['type'] === 'object') {
          assert.equal(obj['additionalProperties'], false);
          assert.deepEqual([...(obj['required'] as string[])].sort(), Object.keys(obj['properties'] as object).sort());
        }
      });
    });
  }

  it('describes the answer shapes', () => {
    const finding = (s: Record<string, unknown>) =>
      ((s['properties'] as Record<string, Record<string, unknown>>)['findings']!['items'] as Record<string, unknown>)[
        'required'
      ];
    assert.deepEqual(finding(EXPERT_FINDINGS_SCHEMA), [
      'file',
      'startLine',
      'endLine',
      'severity',
      'title',
      'explanation',
      'suggestedFix',
      'kind',
      'confidence',
      'evidence',
      'rule',
      'preExisting',
    ]);
    assert.deepEqual(finding(SYNTHESIS_SCHEMA), [
      'file',
      'startLine',
      'endLine',
      'severity',
      'title',
      'explanation',
      'suggestedFix',
      'kind',
      'confidence',
      'evidence',
      'rule',
      'preExisting',
      'experts',
    ]);
    assert.deepEqual(VERIFICATION_SCHEMA['required'], ['verdict', 'ground', 'reason']);
  });
});

describe('review findings: parsing expert replies', () => {
  const opts = { expertName: 'Security', knownFiles: known };

  it('reads plain JSON and credits the expert', () => {
    const parsed = parseExpertFindings(JSON.stringify({ summary: 'One issue.', findings: [raw()] }), opts);
    assert.equal(parsed.summary, 'One issue.');
    assert.equal(parsed.error, undefined);
    assert.equal(parsed.findings.length, 1);
    const f = parsed.findings[0]!;
    assert.deepEqual(
      { ...f, id: 'x' },
      {
        id: 'x',
        file: 'src/db.ts',
        startLine: 7,
        endLine: 7,
        severity: 'high',
        title: 'SQL injection in findUser',
        explanation: 'Concatenated input.',
        experts: ['Security'],
      },
    );
    assert.match(f.id, /^f[0-9a-f]{8}$/);
  });

  it('finds the JSON inside code fences and inside prose', () => {
    const body = JSON.stringify({ summary: 's', findings: [raw()] }, null, 2);
    const fenced = parseExpertFindings(`Here is my review:\n\n\`\`\`json\n${body}\n\`\`\`\nHope this helps.`, opts);
    assert.equal(fenced.findings.length, 1);
    const prose = parseExpertFindings(
      `I looked at {the code}. Result: ${JSON.stringify({ summary: 's', findings: [raw(), raw({ startLine: 9, endLine: 9, title: 'b' })] })} Done.`,
      opts,
    );
    assert.equal(prose.findings.length, 2);
    const bare = parseExpertFindings(JSON.stringify([raw()]), opts);
    assert.equal(bare.findings.length, 1);
  });

  it('drops findings it cannot place, with reasons, and keeps the rest', () => {
    const parsed = parseExpertFindings(
      JSON.stringify({
        summary: 's',
        findings: [
          raw(),
          raw({ file: 'src/unknown.ts', title: 'Unknown file' }),
          raw({ startLine: 120, endLine: 125, title: 'Beyond the end' }),
          raw({ file: 'src/math.ts', startLine: 20, endLine: 22, title: 'Between hunks' }),
          raw({ severity: 'catastrophic', title: 'Odd severity' }),
          raw({ startLine: 0, title: 'Line zero' }),
          'not an object',
        ],
      }),
      opts,
    );
    assert.deepEqual(
      parsed.findings.map((f) => f.title),
      ['SQL injection in findUser'],
    );
    assert.deepEqual(
      parsed.dropped.map((d) => [d.title, d.what]),
      [
        ['Unknown file', 'finding'],
        ['Beyond the end', 'finding'],
        ['Between hunks', 'finding'],
        ['Odd severity', 'finding'],
        ['Line zero', 'finding'],
        ['(not an object)', 'finding'],
      ],
    );
    assert.match(parsed.dropped[0]!.reason, /"src\/unknown\.ts" is not one of the files reviewed/);
    assert.match(parsed.dropped[1]!.reason, /lines 120-125 are outside the lines shown for src\/db\.ts \(1-40\)/);
    assert.match(parsed.dropped[2]!.reason, /\(10-14, 41-43\)/);
    assert.match(parsed.dropped[3]!.reason, /severity "catastrophic"/);
  });

  it('normalises paths and severities, clamps inverted and overlong ranges, drops fixes outside the shown lines', () => {
    const parsed = parseExpertFindings(
      JSON.stringify({
        summary: '',
        findings: [
          raw({ file: './src/db.ts', startLine: 12, endLine: 3, severity: 'High', title: 'Inverted' }),
          raw({ file: '/home/me/project/src/math.ts', startLine: 42, endLine: 60, title: 'Overlong' }),
          raw({
            file: 'src\\math.ts',
            startLine: 11,
            title: 'Bad fix',
            suggestedFix: { replacement: 'x', startLine: 30, endLine: 31 },
          }),
          raw({
            title: 'Good fix',
            suggestedFix: { replacement: '  db.query(sql, [name]);', startLine: 7, endLine: 7 },
          }),
        ],
      }),
      opts,
    );
    const byTitle = Object.fromEntries(parsed.findings.map((f) => [f.title, f]));
    assert.deepEqual(
      [
        byTitle['Inverted']!.file,
        byTitle['Inverted']!.startLine,
        byTitle['Inverted']!.endLine,
        byTitle['Inverted']!.severity,
      ],
      ['src/db.ts', 12, 12, 'high'],
    );
    assert.deepEqual(
      [byTitle['Overlong']!.file, byTitle['Overlong']!.startLine, byTitle['Overlong']!.endLine],
      ['src/math.ts', 42, 43],
    );
    assert.equal(byTitle['Bad fix']!.suggestedFix, undefined);
    assert.deepEqual(byTitle['Good fix']!.suggestedFix, {
      replacement: '  db.query(sql, [name]);',
      startLine: 7,
      endLine: 7,
    });
    assert.deepEqual(
      parsed.dropped.map((d) => [d.what, d.title]),
      [['suggestedFix', 'Bad fix']],
    );
  });

  it('reports replies without usable JSON', () => {
    assert.match(parseExpertFindings('I could not find any problems.', opts).error!, /no JSON object/);
    assert.match(parseExpertFindings('{"verdict": "fine"}', opts).error!, /no "findings" list/);
  });

  it('reads synthesis replies, keeping only known expert names', () => {
    const parsed = parseSynthesisFindings(
      JSON.stringify({ summary: 'Merged.', findings: [raw({ experts: ['security', 'Correctness', 'Imaginary'] })] }),
      { knownFiles: known, expertNames: ['Security', 'Correctness', 'Performance'] },
    );
    assert.equal(parsed.summary, 'Merged.');
    assert.deepEqual(parsed.findings[0]!.experts, ['Security', 'Correctness']);
  });
});

function finding(over: Partial<Finding>): Finding {
  return {
    id: 'x',
    file: 'src/db.ts',
    startLine: 7,
    endLine: 7,
    severity: 'medium',
    title: 'Title',
    explanation: 'Explanation.',
    experts: ['Security'],
    ...over,
  };
}

function result(expertName: string, findings: Finding[], extra: Partial<ExpertResult> = {}): ExpertResult {
  return {
    expertId: expertName.toLowerCase(),
    expertName,
    summary: `${expertName} summary.`,
    findings,
    rawText: '{}',
    ...extra,
  };
}

describe('review findings: fallback merge', () => {
  it('merges same file + overlapping lines + similar title into one finding credited to both experts', () => {
    const merged = fallbackMerge([
      result('Security', [
        finding({
          title: 'SQL injection in findUser query',
          severity: 'critical',
          startLine: 7,
          endLine: 8,
          experts: ['Security'],
        }),
        finding({ title: 'Hard-coded password', severity: 'high', startLine: 4, endLine: 4, experts: ['Security'] }),
      ]),
      result('Correctness', [
        finding({
          title: 'findUser query built with SQL injection risk',
          severity: 'high',
          startLine: 8,
          endLine: 9,
          experts: ['Correctness'],
          explanation: 'Quotes in names break the query.',
          suggestedFix: { replacement: 'fixed', startLine: 8, endLine: 8 },
        }),
        finding({
          title: 'Off-by-one in loop',
          severity: 'high',
          file: 'src/math.ts',
          startLine: 11,
          endLine: 11,
          experts: ['Correctness'],
        }),
      ]),
      result('Maintainability', [
        finding({
          title: 'SQL string is hard to read',
          severity: 'low',
          startLine: 7,
          endLine: 7,
          experts: ['Maintainability'],
        }),
      ]),
    ]);
    assert.deepEqual(
      merged.findings.map((f) => [f.severity, f.file, f.startLine, f.endLine, f.title, f.experts.join('+')]),
      [
        ['critical', 'src/db.ts', 7, 9, 'SQL injection in findUser query', 'Security+Correctness'],
        ['high', 'src/db.ts', 4, 4, 'Hard-coded password', 'Security'],
        ['high', 'src/math.ts', 11, 11, 'Off-by-one in loop', 'Correctness'],
        ['low', 'src/db.ts', 7, 7, 'SQL string is hard to read', 'Maintainability'],
      ],
    );
    const sql = merged.findings[0]!;
    assert.match(sql.explanation, /\*\*Correctness:\*\* Quotes in names break the query\./);
    assert.deepEqual(sql.suggestedFix, { replacement: 'fixed', startLine: 8, endLine: 8 });
    assert.equal(new Set(merged.findings.map((f) => f.id)).size, 4);
    assert.match(merged.summary, /\*\*Security:\*\* Security summary\./);
  });

  it('does not merge across files or non-overlapping lines', () => {
    const merged = fallbackMerge([
      result('A', [finding({ title: 'Missing null check', startLine: 1, endLine: 2, experts: ['A'] })]),
      result('B', [
        finding({ title: 'Missing null check', startLine: 3, endLine: 4, experts: ['B'] }),
        finding({ title: 'Missing null check', file: 'src/other.ts', startLine: 1, endLine: 2, experts: ['B'] }),
      ]),
    ]);
    assert.equal(merged.findings.length, 3);
  });

  it('compares titles by their significant words', () => {
    assert.ok(similarTitles('Off-by-one in loop bound', 'Loop bound off by one'));
    assert.ok(!similarTitles('Off-by-one in loop bound', 'Unused variable'));
  });
});

describe('review findings: Markdown export', () => {
  it('writes title, date, targets, severity sections, fixes, left-out files, usage and raw replies', () => {
    const md = findingsToMarkdown({
      title: 'Review of src/db.ts',
      date: new Date(Date.UTC(2026, 4, 1, 14, 3)),
      targets: ['src/db.ts (lines 1-40)', 'src/math.ts (changes)'],
      summary: 'Two problems stand out.',
      findings: [
        finding({ title: 'Minor naming', severity: 'low', experts: ['Maintainability'] }),
        finding({
          title: 'SQL injection',
          severity: 'critical',
          experts: ['Security', 'Correctness'],
          suggestedFix: {
            replacement: 'const rows = await db.query("SELECT ``x``", [name]);',
            startLine: 7,
            endLine: 7,
          },
        }),
      ],
      expertResults: [
        result('Security', [], { rawText: '{"summary":"```tricky```"}' }),
        result('Performance', [], { rawText: '', error: 'Request timed out' }),
      ],
      excluded: [{ path: '.env', reason: 'secret', detail: "file name matches the secret-file rule '.env'" }],
      excludedTotal: 1900,
      usageLine: '12,000 input tokens (9,000 cached), 800 output, $0.03',
    });
    assert.ok(md.startsWith('# Review of src/db.ts\n'));
    assert.match(md, /- \*\*Date:\*\* 2026-05-01 14:03 UTC/);
    assert.match(md, /- \*\*Reviewed:\*\*\n {2}- src\/db\.ts \(lines 1-40\)\n {2}- src\/math\.ts \(changes\)/);
    assert.match(md, /- \*\*Experts:\*\* Security, Performance \(failed\)/);
    assert.match(md, /- \*\*Usage:\*\* 12,000 input tokens/);
    assert.ok(md.indexOf('### Critical (1)') < md.indexOf('### Low (1)'));
    assert.ok(!md.includes('### High'));
    assert.match(md, /#### `src\/db\.ts:7` — SQL injection\n\n\*Raised by Security, Correctness\*/);
    assert.match(md, /\*\*Suggested fix\*\* \(replaces line 7\):\n\n```ts\nconst rows/);
    assert.match(md, /- `\.env` — file name matches/);
    assert.match(md, /- …and 1899 more \(the full list is in the extension's log\)/);
    assert.match(md, /### Performance\n\n\*Failed: Request timed out\*/);
    assert.match(md, /````\n\{"summary":"```tricky```"\}\n````/);
  });

  it('redacts anything secret-shaped it is given', () => {
    const md = findingsToMarkdown({
      title: 't',
      date: '2026-05-01',
      targets: [],
      findings: [finding({ explanation: `The key ${fakeSecrets.anthropic} is exposed.` })],
      expertResults: [result('Security', [], { rawText: `echo ${fakeSecrets.github}` })],
    });
    assert.ok(!md.includes(fakeSecrets.anthropic));
    assert.ok(!md.includes(fakeSecrets.github));
    assert.match(md, /\[redacted secret\]/);
  });
});
