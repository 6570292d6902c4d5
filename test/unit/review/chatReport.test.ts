import assert from 'node:assert/strict';
import { expertMarkdown, findingsListMarkdown, toolFindings, type Finding } from '../../../src/review';
import { fakeKey } from '../../support/fakeKeys';

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: 'f1',
  file: 'src/a.ts',
  startLine: 3,
  endLine: 5,
  severity: 'low',
  title: 'Unused variable',
  explanation: 'x is never read',
  experts: ['Maintainability'],
  ...over,
});

describe('review: the chat report and the tool result', () => {
  it('lists findings most severe first, with file and lines', () => {
    const md = findingsListMarkdown([
      finding(),
      finding({ id: 'f2', severity: 'critical', title: 'SQL injection', startLine: 9, endLine: 9 }),
    ]);
    const lines = md.trim().split('\n');
    assert.match(lines[0]!, /^- \*\*CRITICAL\*\* `src\/a\.ts:9` SQL injection/);
    assert.match(lines[1]!, /^- \*\*LOW\*\* `src\/a\.ts:3-5` Unused variable/);
  });

  it('heads each expert with its count and says when it did not complete', () => {
    assert.match(
      expertMarkdown({ name: 'Security', status: 'completed', summary: 'ok', findings: [finding()] }),
      /^### Security \(1 finding\)\n\nok\n/,
    );
    assert.match(
      expertMarkdown({ name: 'Security', status: 'failed', summary: '', findings: [], error: 'HTTP 500' }),
      /^### Security \(failed, 0 findings\)\n\n> HTTP 500/,
    );
  });

  it('keeps a file name with backticks inside its code span', () => {
    assert.match(findingsListMarkdown([finding({ file: 'a`b.ts' })]), /`` a`b\.ts:3-5 ``/);
  });

  it('returns structured findings to the calling model, secrets redacted', () => {
    const key = fakeKey('tool');
    const out = toolFindings({
      status: 'completed',
      reviewed: ['src/a.ts'],
      findings: [
        finding({
          explanation: `leaks ${key}`,
          suggestedFix: { startLine: 3, endLine: 3, replacement: 'const y = 1;', seen: 'const x = 1;' },
        }),
      ],
      cost: '$0.01',
    });
    assert.equal(out.findings.length, 1);
    assert.deepEqual(out.findings[0]!.suggestedFix, { startLine: 3, endLine: 3, replacement: 'const y = 1;' });
    assert.ok(!JSON.stringify(out).includes(key));
    assert.equal(out.cost, '$0.01');
  });
});
