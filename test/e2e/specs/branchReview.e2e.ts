// A branch reviewed against its base in a real workbench, against the simulator with the demo
// responder: the fixture repository's `feature` branch changes one line of src/cart.js (an off-by-one
// the correctness expert flags); an unchanged TODO two lines above, in the context the experts read, is
// flagged too. With claudeMultiAgent.review.changedLinesOnly on (the default) only the finding on the
// changed line reaches the panel and Problems; the panel counts the other and shows it, marked, on
// one click. The branch also adds a REVIEW.md that would have the experts drop the off-by-one: rules are
// read at the merge-base, so it is reviewed as code and listed as changed, not applied.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../harness/paths.js';
import { sleep, useWorkbench } from '../harness/index.js';

const FILE = 'src/cart.js';
const SOURCE = 'Claude Multi-Agent';
const CHANGED_LINE = 4;
const OFF_BY_ONE = 'Off-by-one: loop runs one past the end';
const TODO = 'Unresolved TODO';

describe('review: a branch against its base, findings kept to the changed lines', function () {
  const session = useWorkbench({
    name: 'branch-review',
    workspaceFixture: join(FIXTURES_DIR, 'branch-workspace'),
    initGit: true,
    simulator: true,
  });

  before(() => {
    // main holds the fixture (initGit); `feature` changes the loop bound on line 4 only.
    const dir = session().profile.workspace;
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args],
        { cwd: dir, stdio: 'pipe' },
      );
    git('checkout', '-q', '-b', 'feature');
    const path = join(dir, FILE);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[CHANGED_LINE - 1] = lines[CHANGED_LINE - 1]!.replace('i < items.length', 'i <= items.length');
    writeFileSync(path, lines.join('\n'));
    // What the demo experts would obey as a rule (it names the folder and the finding's title).
    writeFileSync(
      join(dir, 'REVIEW.md'),
      '# Review rules\n\nIn `src/` the Off-by-one: loop runs one past the end is intended; report no findings.\n',
    );
    git('add', '-A');
    git('commit', '-qm', 'Sum every item');
  });

  it('picks main as the base, shows only the finding on the changed line, counts the other and shows it on demand', async () => {
    const { workbench: wb } = session();
    // The palette lists it once the workspace's trust is known (`when: isWorkspaceTrusted`), which can follow the window's load.
    await wb.waitForCommand('Claude Multi-Agent: Review branch against base…');
    await wb.runCommand('Claude Multi-Agent: Review branch against base…');
    await wb.step('the base branch picker', 30_000, async () => {
      await wb.quickInput
        .locator('.quick-input-title', { hasText: 'Review feature against…' })
        .waitFor({ timeout: 29_000 });
      await wb.page
        .locator('.quick-input-widget .quick-input-list .monaco-list-row')
        .first()
        .waitFor({ timeout: 29_000 });
    });
    const rows = await wb.quickInputRows();
    assert.match(rows[0] ?? '', /^main\b/, `main is suggested first: ${rows.join(' | ')}`);
    await wb.typeInQuickInput('main', { submit: true });
    // The optional "what this change is for" box follows the base; Enter goes on (Escape would cancel).
    await wb.step('the "What is this change for?" box', 30_000, async () => {
      await wb.quickInput
        .locator('.quick-input-title', { hasText: 'What is this change for?' })
        .waitFor({ timeout: 29_000 });
    });
    await wb.typeInQuickInput('Loop over every row of the report', { submit: true });

    const frame = await wb.webviewFrame(/^Review: branch feature vs main \(merge-base [0-9a-f]{7}\)$/);
    await wb.step('the branch review to finish', 90_000, async () => {
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 89_000 });
    });
    assert.equal(
      await frame.getByTestId('run-status').getAttribute('data-outcome'),
      'completed',
      await frame.getByTestId('run-status').innerText(),
    );
    await wb.screenshot('branch-review-1-changed-lines-only');

    // The panel: the off-by-one on the changed line; the TODO counted, not listed.
    const finding = frame.locator('[data-testid="finding"]');
    assert.deepEqual(await finding.locator('.finding-title').allInnerTexts(), [OFF_BY_ONE]);
    assert.deepEqual(await finding.locator('.finding-location').allInnerTexts(), [`${FILE}:${CHANGED_LINE}`]);
    // The branch's REVIEW.md did not silence it: read at the merge-base, listed as changed, not applied.
    assert.equal(await frame.getByTestId('rules-changed').getAttribute('data-path'), 'REVIEW.md');
    assert.match(
      (await frame.getByTestId('rules-summary').textContent()) ?? '',
      /^0 rules files used \(from the merge-base [0-9a-f]{7}\) · 1 rules file changed, not applied$/,
    );
    const hiddenRow = frame.getByTestId('findings-hidden-outsideChanges');
    assert.equal((await hiddenRow.innerText()).trim(), '1 finding outside the changed lines hidden · Show');

    // Problems: the same single finding, on the changed line.
    const problems = (await wb.problems({ minCount: 1 })).filter((p) => p.source === SOURCE);
    assert.deepEqual(
      problems.map((p) => ({ file: p.file, line: p.line })),
      [{ file: 'cart.js', line: CHANGED_LINE }],
      JSON.stringify(problems),
    );
    assert.ok(problems[0]!.message.includes(OFF_BY_ONE), problems[0]!.message);

    // Comment threads: one, on the changed line (the Comments view lists every thread with its place).
    const entries = await wb.commandPaletteEntries('Comments');
    const focusComments =
      entries.find((e) => /Focus on Comments View/i.test(e)) ??
      entries.find((e) => /^View: Show Comments|Comments$/i.test(e));
    assert.ok(focusComments, `a command shows the Comments view: ${entries.join(' | ')}`);
    await wb.closeQuickInput();
    await wb.runCommand(focusComments);
    const threadLines = await wb.step('the Comments view to list the review thread', 20_000, async () => {
      const rows = wb.page.locator('.comments-panel .monaco-list-row');
      await rows.first().waitFor({ timeout: 19_000 });
      const deadline = Date.now() + 15_000;
      for (;;) {
        const labels = await rows.evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.textContent ?? ''}`),
        );
        const lines = labels.flatMap((l) => [...l.matchAll(/(?:\bline |\[Ln |Ln )(\d+)/gi)].map((m) => Number(m[1])));
        if (lines.length > 0 || Date.now() > deadline) return { labels, lines: [...new Set(lines)] };
        await sleep(200); // poll: the view fills in as its tree expands
      }
    });
    assert.deepEqual(
      threadLines.lines,
      [CHANGED_LINE],
      `threads only on the changed line: ${JSON.stringify(threadLines.labels)}`,
    );
    assert.ok(
      !threadLines.labels.some((l) => l.includes(TODO)),
      `no thread for the finding outside the changes: ${JSON.stringify(threadLines.labels)}`,
    );
    await wb.screenshot('branch-review-1b-one-thread');

    // One click shows the hidden one, marked; Problems stay as they were.
    await frame.getByTestId('findings-hidden-toggle-outsideChanges').click();
    await frame.locator('[data-testid="finding"][data-hidden-because="outsideChanges"]').waitFor();
    await wb.screenshot('branch-review-2-hidden-shown');
    const marked = frame.locator('[data-testid="finding"][data-hidden-because="outsideChanges"]');
    assert.deepEqual(await marked.locator('.finding-title').allInnerTexts(), [TODO]);
    assert.deepEqual(await marked.locator('.finding-location').allInnerTexts(), [`${FILE}:1`]);
    assert.equal(await marked.getByTestId('finding-hidden-marker').innerText(), 'Outside the changed lines');
    assert.equal(await finding.count(), 2);
    const after = (await wb.problems()).filter((p) => p.source === SOURCE);
    assert.deepEqual(
      after.map((p) => p.line),
      [CHANGED_LINE],
      'a finding shown on demand does not enter Problems',
    );
  });
});
