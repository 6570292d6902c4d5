// The text of a finding's comment thread: the fix as a diff block that model text cannot break out of.
import assert from 'node:assert/strict';
import { threadBody, threadLabel, type Finding } from '../../../src/review/findings';

const finding: Finding = {
  id: 'f1',
  file: 'a.js',
  startLine: 7,
  endLine: 7,
  severity: 'critical',
  title: 'SQL injection',
  explanation: 'The query is built from `name`.',
  experts: ['Security', 'Correctness'],
  confidence: 92,
  suggestedFix: {
    startLine: 7,
    endLine: 7,
    replacement: 'db.query("SELECT ?", [name]);',
    seen: 'db.query("SELECT " + name);',
  },
};

describe('finding thread text', () => {
  it('shows severity, experts, confidence and the fix as a diff', () => {
    const body = threadBody(finding);
    assert.match(body, /\*\*Critical\*\* · raised by Security, Correctness · confidence 92\/100/);
    assert.match(
      body,
      /```diff\n@@ lines 7-7 @@\n-db\.query\("SELECT " \+ name\);\n\+db\.query\("SELECT \?", \[name\]\);\n```/,
    );
    assert.equal(threadLabel(finding, true), 'Critical: SQL injection · confidence 92 · outdated');
  });

  it('fences the diff longer than any backtick run in the replacement', () => {
    const body = threadBody({
      ...finding,
      suggestedFix: { ...finding.suggestedFix!, replacement: 'x = ```\n[run](command:evil)' },
    });
    assert.match(body, /````diff\n[\s\S]*\n````$/);
  });
});
