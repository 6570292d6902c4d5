// Applying a suggested fix (issue 28, "Applying is a trap"): Apply fix applies it at once, checked
// against the current text, says so and offers Undo; Preview fix opens VS Code's refactor preview, and
// says so when nothing was applied there (its edit starts unticked). Driven through the real controller,
// pipeline and SDK against the simulator (editorHarness.ts); the stand-in's refactor preview behaves as
// VS Code's: an edit needing confirmation is applied only when the user ticks it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Range } from '../../bench/fakeVscode';
import { EditorWindow, standIn } from './editorHarness';

const FILE = 'src/orders.ts';
const OFF_BY_ONE = '56: High: Off-by-one: loop runs one past the end [Correctness]';

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('extension: applying a suggested fix', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
  });
  afterEach(() => w.close());

  async function reviewedOffByOne() {
    await w.review(FILE);
    assert.ok(w.problems(FILE).includes(OFF_BY_ONE), JSON.stringify(w.problems(FILE)));
    const findings = w.lastPosted<{ type: string; findings: Array<{ id: string; title: string; hasFix: boolean }> }>(
      w.panel(),
      'review/findings',
    )!.findings;
    const finding = findings.find((f) => f.title.startsWith('Off-by-one'))!;
    assert.ok(finding.hasFix, 'the finding has a suggested fix');
    await standIn.type(w.uri(FILE), new Range(0, 0, 0, 0), ''); // the file is open in an editor
    const doc = standIn.documents.find((d) => d.uri.toString() === w.uri(FILE).toString())!;
    const text = () => doc.getText();
    return { finding, text };
  }

  it('Apply fix applies at once without the refactor preview, says so, and Undo puts the code and the finding back', async () => {
    const { finding } = await reviewedOffByOne();
    let undo: () => void = () => {};
    const undone = new Promise<void>((resolve) => (undo = resolve));
    const before = await readFile(w.uri(FILE).fsPath, 'utf8');
    standIn.answerNotice = (notice) => (notice.actions.includes('Undo') ? (setImmediate(undo), 'Undo') : undefined);

    const threads = w.threads(FILE).length;
    assert.equal(await w.run('claudeMultiAgent.applyFix', w.uri(FILE), finding.id), 'applied');
    assert.equal(w.threads(FILE).length, threads - 1, 'its thread goes');
    const doc = standIn.documents.find((d) => d.uri.toString() === w.uri(FILE).toString())!;
    assert.equal(standIn.refactorPreviews, 0, 'no refactor preview to confirm in');
    assert.match(doc.getText(), /i < orders\.length/, 'the fix is in the file');
    assert.ok(!w.problems(FILE).includes(OFF_BY_ONE), 'the fixed finding leaves Problems');
    const said = standIn.notices.find((n) => /Applied the fix/.test(n.message));
    assert.ok(said, `the user is told: ${JSON.stringify(standIn.notices)}`);
    assert.deepEqual(said.actions, ['Undo']);
    assert.match(said.message, /Off-by-one/);

    await undone;
    await until('the fix to be undone', () => doc.getText() === before);
    await until('the finding to be open again', () => w.problems(FILE).includes(OFF_BY_ONE));
    await until('its thread to be back', () => w.threads(FILE).length === threads);
  });

  it('Apply fix refuses a fix whose lines changed since the review, and says why', async () => {
    const { finding, text } = await reviewedOffByOne();
    const line = text()
      .split('\n')
      .findIndex((l) => /i <= orders\.length/.test(l));
    assert.ok(line >= 0, 'the sample still has the off-by-one');
    await standIn.type(w.uri(FILE), new Range(line, 0, line, 0), '/* edited */ ');
    const edited = text();
    assert.equal(await w.run('claudeMultiAgent.applyFix', w.uri(FILE), finding.id), 'stale');
    assert.equal(text(), edited, 'nothing was replaced');
    assert.ok(standIn.notices.some((n) => n.severity === 'warning' && /not applied/.test(n.message)));
  });

  it('Preview fix: Apply in the preview with nothing ticked says so and changes nothing; ticked, it applies', async () => {
    const { finding, text } = await reviewedOffByOne();
    const before = text();
    assert.equal(await w.run('claudeMultiAgent.previewFix', w.uri(FILE), finding.id), 'declined');
    assert.equal(standIn.refactorPreviews, 1, 'the refactor preview opened');
    assert.equal(text(), before, 'nothing changed');
    assert.ok(
      standIn.notices.some((n) => /not applied: its edit was not ticked/.test(n.message)),
      `the user is told nothing was applied: ${JSON.stringify(standIn.notices)}`,
    );
    assert.ok(w.problems(FILE).includes(OFF_BY_ONE), 'the finding stays open');

    standIn.answerRefactorPreview = (edits) => edits; // the user ticks the fix, then Apply
    assert.equal(await w.run('claudeMultiAgent.previewFix', w.uri(FILE), finding.id), 'applied');
    assert.match(text(), /i < orders\.length/);
    assert.ok(!w.problems(FILE).includes(OFF_BY_ONE));
  });
});
