// The workspace's open findings, the one owner of a finding's state that Problems, comment threads and
// panels show: what a finished review adds and resolves, edits, dismissals, applied fixes, thread
// conversations, and what survives a reload. Plain Node: the model imports no vscode.
import assert from 'node:assert/strict';
import { OpenFindings, type OpenFindingsChange } from '../../../src/extension/review/openFindings';
import { OPEN_FINDINGS_KEY, hasOpenFindings } from '../../../src/extension/review/openFinding';
import type { Finding } from '../../../src/review';
import { MemoryMemento } from '../../support/memoryMemento';

const ROOT = 'file:///w';
const locate = (root: string, file: string) => `${root}/${file}`;
const A = `${ROOT}/a.ts`;

const finding = (id: string, startLine: number, extra: Partial<Finding> = {}): Finding => ({
  id,
  file: 'a.ts',
  startLine,
  endLine: startLine,
  severity: 'high',
  title: id,
  explanation: `about ${id}`,
  experts: ['Security'],
  ...extra,
});

function model(memento = new MemoryMemento()) {
  const changes: OpenFindingsChange[] = [];
  const findings = new OpenFindings(memento, { locate, saveDelayMs: 0 });
  findings.onDidChange((c) => changes.push(c));
  return { findings, changes, memento };
}

const ids = (m: OpenFindings, uri = A) => m.shown(uri).map((i) => i.finding.id);

describe('extension: open findings (the model every view shows)', () => {
  it('a finished review opens what it raised and tells the views which files changed', () => {
    const { findings, changes } = model();
    assert.equal(findings.previousFor(ROOT, ['a.ts']), undefined, 'nothing to compare with before a first review');
    findings.applyReview({
      reviewId: 'r1',
      root: ROOT,
      reviewedFiles: ['a.ts', 'b.ts'],
      findings: [finding('f2', 9), finding('f1', 3)],
    });
    assert.deepEqual(ids(findings), ['f1', 'f2'], 'in line order');
    assert.deepEqual(changes.at(-1)?.uris.sort(), [A, `${ROOT}/b.ts`]);
    assert.deepEqual(findings.previousFor(ROOT, ['b.ts']), [], 'a reviewed file without findings compares with none');
    assert.equal(findings.find(A, 'f1')?.reviewId, 'r1');
  });

  it('only what a review resolves leaves: the rest of a stopped or partial run stays open', () => {
    const { findings } = model();
    findings.applyReview({
      reviewId: 'r1',
      root: ROOT,
      reviewedFiles: ['a.ts'],
      findings: [finding('sql', 3), finding('loop', 9)],
    });
    // A run that did not raise `sql` (its expert was stopped) and resolved nothing.
    findings.applyReview({ reviewId: 'r2', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('loop', 9)] });
    assert.deepEqual(ids(findings), ['sql', 'loop']);
    assert.equal(findings.find(A, 'sql')?.reviewId, 'r1', 'still from the review that raised it');
    assert.equal(findings.find(A, 'loop')?.reviewId, 'r2');
    // A complete run that no longer raises `loop`.
    findings.applyReview({
      reviewId: 'r3',
      root: ROOT,
      reviewedFiles: ['a.ts'],
      findings: [finding('sql', 3)],
      gone: [finding('loop', 9)],
    });
    assert.deepEqual(ids(findings), ['sql']);
  });

  it('keeps a thread’s questions and answers while its finding is raised again, and drops them when it is gone', () => {
    const { findings } = model();
    findings.applyReview({ reviewId: 'r1', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('sql', 3)] });
    findings.addComment(A, 'sql', { author: 'You', body: 'Reachable?' });
    findings.addComment(A, 'sql', { author: 'Claude', body: 'Yes, from /orders.' });
    findings.applyReview({ reviewId: 'r2', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('sql', 5)] });
    assert.deepEqual(
      findings.find(A, 'sql')?.conversation.map((c) => `${c.author}: ${c.body}`),
      ['You: Reachable?', 'Claude: Yes, from /orders.'],
    );
    assert.equal(findings.find(A, 'sql')?.finding.startLine, 5, 'placed where the new review found it');
    findings.applyReview({
      reviewId: 'r3',
      root: ROOT,
      reviewedFiles: ['a.ts'],
      findings: [],
      gone: [finding('sql', 5)],
    });
    assert.equal(findings.find(A, 'sql'), undefined);
  });

  it('follows edits: lines added above move a finding, an edit of its own line makes it outdated', () => {
    const { findings, changes } = model();
    findings.applyReview({ reviewId: 'r1', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('f', 5)] });
    const before = changes.length;
    const noLength = () => undefined;
    findings.follow(A, [{ start: { line: 20, character: 0 }, end: { line: 20, character: 0 }, text: 'x' }], noLength);
    assert.equal(changes.length, before, 'an edit below moves nothing and tells no view');
    findings.follow(A, [{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, text: '\n\n' }], noLength);
    assert.equal(findings.find(A, 'f')?.finding.startLine, 7);
    assert.equal(findings.find(A, 'f')?.outdated, false);
    findings.follow(A, [{ start: { line: 6, character: 2 }, end: { line: 6, character: 4 }, text: 'y' }], noLength);
    assert.equal(findings.find(A, 'f')?.outdated, true);
    assert.deepEqual(changes.at(-1), { uris: [A] });
  });

  it('dismiss and restore: out of every view and later reviews, then back where it was dismissed', async () => {
    const { findings, changes } = model();
    findings.applyReview({ reviewId: 'r1', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('sql', 3)] });
    await findings.dismiss(ROOT, finding('sql', 3), 'falsePositive', 'r1');
    assert.deepEqual(ids(findings), []);
    assert.equal(findings.isDismissed('sql'), true);
    assert.deepEqual([...(await findings.ids())], ['sql'], 'the pipeline keeps it hidden');
    assert.equal(changes.at(-1)?.states, true, 'panels listing it show it dismissed');
    // A review that raises it again (the pipeline would have hidden it) does not bring it back.
    findings.applyReview({ reviewId: 'r2', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('sql', 3)] });
    assert.deepEqual(ids(findings), []);
    await findings.restore('sql');
    assert.deepEqual(ids(findings), ['sql']);
    assert.equal(findings.find(A, 'sql')?.reviewId, 'r1');
    assert.equal(findings.isDismissed('sql'), false);
  });

  it('an applied fix leaves Problems and threads; a later review that raises it again opens it again', () => {
    const { findings } = model();
    findings.applyReview({ reviewId: 'r1', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('bug', 3)] });
    findings.applyFix(A, 'bug');
    assert.deepEqual(ids(findings), [], 'not shown');
    assert.equal(findings.isFixed('bug'), true);
    assert.deepEqual(
      findings.previousFor(ROOT, ['a.ts'])?.map((f) => f.id),
      ['bug'],
      'a re-review still compares with it, so it can count it fixed',
    );
    findings.applyReview({ reviewId: 'r2', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('bug', 3)] });
    assert.deepEqual(ids(findings), ['bug'], 'the fix did not fix it');
    assert.equal(findings.isFixed('bug'), false);
  });

  it('comes back after a reload with its conversations, dismissals and applied fixes; corrupt entries are dropped', async () => {
    const first = model();
    first.findings.applyReview({
      reviewId: 'r1',
      root: ROOT,
      reviewedFiles: ['a.ts'],
      findings: [finding('sql', 3), finding('bug', 7), finding('noise', 9)],
    });
    first.findings.addComment(A, 'sql', { author: 'You', body: 'Why?' });
    first.findings.applyFix(A, 'bug');
    await first.findings.dismiss(ROOT, finding('noise', 9), 'wontFix');
    await first.findings.flush();
    assert.equal(
      hasOpenFindings(first.memento.get(OPEN_FINDINGS_KEY)),
      true,
      'activation sees there is something to show',
    );

    const stored = first.memento.get<{ files: unknown[] }>(OPEN_FINDINGS_KEY)!;
    await first.memento.update(OPEN_FINDINGS_KEY, {
      ...stored,
      files: [...stored.files, { uri: 3 }, { nonsense: true }],
    });
    const reloaded = model(first.memento).findings;
    assert.deepEqual(ids(reloaded), ['sql']);
    assert.deepEqual(reloaded.find(A, 'sql')?.conversation, [{ author: 'You', body: 'Why?' }]);
    assert.equal(reloaded.isFixed('bug'), true);
    assert.equal(reloaded.isDismissed('noise'), true);
    assert.deepEqual(reloaded.uris(), [A]);
  });

  it('"Clear review findings" empties every file', () => {
    const { findings, changes } = model();
    findings.applyReview({ reviewId: 'r1', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('f', 1)] });
    findings.clear();
    assert.deepEqual(findings.uris(), []);
    assert.deepEqual(changes.at(-1)?.uris, [A]);
    assert.equal(hasOpenFindings({ v: 1, files: [] }), false);
  });
});
