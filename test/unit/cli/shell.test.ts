// The CLI shell's own pieces in process: arguments, the cost cap, progress lines, SARIF fixes.
import assert from 'node:assert/strict';
import { findingsToSarif, type Finding, type ReviewEvent, type ReviewPlan } from '../../../src/review';
import { parseCommand } from '../../../src/cli/args';
import { withoutKey } from '../../../src/cli/apiAccess';
import { UsageError } from '../../../src/cli/exitCodes';
import { progressReporter } from '../../../src/cli/progress';
import { sarifErrors } from '../../support/sarif/validateSarif';

const plan = {
  title: 'Review: src',
  reviewedFiles: ['a.ts'],
  sections: [
    { id: 'security', title: 'Security' },
    { id: 'style', title: 'Style' },
  ],
  estimate: { contextTokens: 10_000, requests: 2 },
  leftOut: { total: 0, byReason: [], shown: [] },
} as unknown as ReviewPlan;

describe('cli: shell pieces', () => {
  it('parses scopes and refuses contradictory ones', () => {
    assert.deepEqual(parseCommand(['review', '--base', 'main'], '/w'), {
      kind: 'review',
      paths: [],
      scope: { kind: 'base', base: 'main' },
      allLines: false,
      root: '/w',
      outputs: [{ format: 'markdown', flag: '--format' }],
    });
    assert.equal((parseCommand(['review'], '/w') as { scope?: { kind: string } }).scope?.kind, 'uncommitted');
    assert.throws(() => parseCommand(['review', '--staged', '--commit', 'HEAD'], '/w'), UsageError);
    assert.throws(() => parseCommand(['review', 'src', '--staged'], '/w'), UsageError);
    assert.throws(() => parseCommand(['review', '--fail-on', 'severe'], '/w'), UsageError);
    assert.throws(() => parseCommand(['review', '--max-cost', '-1'], '/w'), UsageError);
    assert.throws(() => parseCommand(['sweep', 'src'], '/w'), /--batch/);
  });

  it('draws one live line per expert on a terminal, plain lines elsewhere', () => {
    const events: ReviewEvent[] = [
      { type: 'planned', plan },
      { type: 'status', sectionId: 'security', status: 'streaming' },
      { type: 'text', sectionId: 'security', text: 'abc' },
      { type: 'status', sectionId: 'security', status: 'done' },
    ];
    let tty = '';
    const live = progressReporter({ isTTY: true, write: (t) => void (tty += t) });
    events.forEach(live);
    assert.ok(tty.includes('\x1b[2A\x1b[0J'), 'redraws the two expert lines in place');
    assert.match(tty.slice(tty.lastIndexOf('\x1b[0J')), /Security\s+done \(3 chars\)\n\s+Style\s+queued\n$/);
    let plain = '';
    const ci = progressReporter({ write: (t) => void (plain += t) });
    events.forEach(ci);
    assert.ok(!plain.includes('\x1b'), 'no escape codes in CI logs');
    assert.match(plain, /Security: streaming\n\s+Security: done\n$/);
  });

  it('redraws for streamed text at most every 100 ms, for a status change at once', () => {
    let clock = 0;
    let draws = 0;
    const live = progressReporter(
      { isTTY: true, write: (t) => void (draws += t.includes('\x1b[0J') ? 1 : 0) },
      () => clock,
    );
    live({ type: 'planned', plan });
    for (let i = 0; i < 50; i++) live({ type: 'text', sectionId: 'security', text: 'x' });
    assert.equal(draws, 1, 'fifty chunks within the same instant: no redraw');
    clock = 100;
    live({ type: 'text', sectionId: 'security', text: 'x' });
    live({ type: 'status', sectionId: 'security', status: 'done' });
    assert.equal(draws, 3);
  });

  it('turns a suggested fix into a SARIF fix over whole lines', () => {
    const finding: Finding = {
      id: 'f1',
      file: 'a.ts',
      startLine: 3,
      endLine: 4,
      severity: 'medium',
      title: 'T',
      explanation: 'E',
      experts: ['Security'],
      suggestedFix: { replacement: 'fixed()', startLine: 3, endLine: 4 },
    };
    const log = findingsToSarif({
      toolVersion: '1',
      experts: [{ id: 'security', name: 'Security' }],
      findings: [finding],
    });
    assert.deepEqual(sarifErrors(log), []);
    const result = log.runs[0]!.results![0]!;
    assert.equal(result.ruleId, 'security/medium', "a security expert's rule per severity");
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.fixes![0]!.artifactChanges[0]!.replacements[0], {
      deletedRegion: { startLine: 3, startColumn: 1, endLine: 5, endColumn: 1 },
      insertedContent: { text: 'fixed()\n' },
    });
  });

  it('redacts the GitHub token --github-review uses, as it does the Anthropic key', () => {
    const token = ['gh', 'token', 'for', 'this', 'test', '0123456789'].join('');
    const line = withoutKey(`GitHub said: bad credentials for ${token}`, { GITHUB_TOKEN: ` ${token}\n` });
    assert.ok(!line.includes(token), line);
  });
});
