// Reviews that know the project, in a real workbench against the simulator with the demo responder: the
// fixture's REVIEW.md ("string-built SQL in `scripts/` is allowed") is in every expert's cached system
// prompt, its own cache breakpoint lets a review of other code read it from the cache, the panel lists it
// with what it suppressed, and Dismiss finding… → "Remember for this project" appends a rule to REVIEW.md
// naming the code it is about (the box says which current findings it hides) that the next review honours
// for that code only: src/report.ts builds two queries from strings, and only the dismissed one goes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { FIXTURES_DIR } from '../harness/paths.js';
import { sleep, useWorkbench, type Workbench } from '../harness/index.js';
import { describeLog, expertOf, simulatorControl, type RequestLogEntry } from '../harness/simulatorControl.js';

const RULE = 'String-built SQL in `scripts/` is allowed (offline tooling)';
const SQL_TITLE = 'SQL query built by string concatenation';
/** The two string-built queries of the fixture's src/report.ts. */
const MONTHLY_LINE = 9;
const YEARLY_LINE = 15;
const MONTHLY_CODE = `const sql = "SELECT * FROM orders WHERE month = '" + month + "' ORDER BY total DESC";`;

interface SystemBlock {
  type: string;
  text: string;
  cache_control?: unknown;
}

const systemOf = (e: RequestLogEntry): SystemBlock[] =>
  Array.isArray(e.body?.['system']) ? (e.body!['system'] as SystemBlock[]) : [];

describe('review: project rules files and learnings in the browser', function () {
  const session = useWorkbench({
    name: 'project-rules',
    workspaceFixture: join(FIXTURES_DIR, 'rules-workspace'),
    simulator: { args: ['--control', 'on'] },
  });

  /** Reviews `file` from its editor's context menu and waits until the run has an outcome. */
  /** `palette`: from the command palette, where an open comment thread cannot scroll the right-click's line away. */
  async function review(wb: Workbench, file: string, opts: { palette?: boolean } = {}): Promise<Frame> {
    await wb.resetLayout(); // (a test reviews more than once: each review starts from the same layout)
    await wb.openFile(file);
    if (opts.palette) await wb.runCommand('Claude Multi-Agent: Multi-expert review');
    else await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
    const frame = await wb.webviewFrame(`Review: ${file}`);
    await wb.step(`the review of ${file} to finish`, 90_000, async () => {
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 89_000 });
    });
    assert.equal(
      await frame.getByTestId('run-status').getAttribute('data-outcome'),
      'completed',
      await frame.getByTestId('run-status').innerText(),
    );
    return frame;
  }

  async function findingTitles(frame: Frame): Promise<string[]> {
    await frame.getByTestId('findings').waitFor();
    return frame.locator('[data-testid="finding"] .finding-title').allInnerTexts();
  }

  it("puts REVIEW.md in every expert's cached system prompt, honours it, and lists it in the panel", async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();

    const frame = await review(wb, 'scripts/seed.ts');
    const snapshot = await sim.waitForIdle(5);
    const experts = snapshot.log.filter((e) => expertOf(e) !== '');
    assert.equal(experts.length, 4, describeLog(snapshot));
    for (const e of experts) {
      const [rules, code] = systemOf(e);
      assert.ok(
        rules?.text.includes('<rules-file path="REVIEW.md">') && rules.text.includes(RULE),
        `${expertOf(e)}: the rule is in the first system block`,
      );
      assert.ok(rules?.cache_control, `${expertOf(e)}: the rules block has its own cache breakpoint`);
      assert.ok(
        code?.text.includes('<file path="scripts/seed.ts"') && code.cache_control,
        `${expertOf(e)}: then the code, cached`,
      );
    }
    assert.ok(
      experts.slice(1).every((e) => e.usage.cache_read_input_tokens > 0),
      `the other experts read the first one's cache\n${describeLog(snapshot)}`,
    );

    assert.deepEqual(await findingTitles(frame), [], 'the allowed SQL in scripts/ is not raised');
    assert.equal(
      await frame.getByTestId('rules-summary').innerText(),
      '1 rules file used · 1 finding suppressed by them',
    );
    // The list is collapsed under its summary: read its text, not what is rendered.
    assert.match(
      (await frame.getByTestId('rules-item').textContent()) ?? '',
      /^REVIEW\.md — about \d+ tokens; suppressed 1 finding$/,
    );
    await wb.screenshot('rules-1-panel-lists-review-md');

    // A review of other code reads the unchanged rules from the cache from its very first request
    // (no reset here: it would clear the simulator's cache).
    const before = snapshot.log.length;
    const second = await review(wb, 'src/report.ts');
    const after = await sim.waitForIdle(before + 5);
    const first = after.log.slice(before).find((e) => expertOf(e) !== '');
    assert.ok(
      first && first.usage.cache_read_input_tokens > 0,
      `the first expert of the second review reads the cached rules\n${describeLog(after)}`,
    );
    assert.ok(
      first.usage.cache_read_input_tokens >= Math.ceil(systemOf(first)[0]!.text.length / 4) - 1,
      'as much as the rules block',
    );
    assert.deepEqual(
      await findingTitles(second),
      [SQL_TITLE, SQL_TITLE],
      'string-built SQL outside scripts/ is still raised',
    );
  });

  it('Dismiss finding… → False positive → Remember for this project appends a rule to REVIEW.md, which the next review honours', async () => {
    const { workbench: wb, profile } = session();
    const reviewMd = join(profile.workspace, 'REVIEW.md');
    assert.doesNotMatch(readFileSync(reviewMd, 'utf8'), /## Learnings/);

    const frame = await review(wb, 'src/report.ts');
    assert.deepEqual(await findingTitles(frame), [SQL_TITLE, SQL_TITLE]);
    await frame
      .locator('[data-testid="finding"]', { hasText: `src/report.ts:${MONTHLY_LINE}` })
      .getByTestId('finding-dismiss')
      .click();
    await wb.waitForQuickInput();
    await wb.typeInQuickInput('False positive', { submit: true });
    await wb.notificationButton('Remember for this project', { message: /as a false positive/ });
    const box = await wb.waitForQuickInput();
    assert.equal(
      box.value,
      `Do not report "${SQL_TITLE}" (sql-query-built-by-string-concatenation) in \`src/report.ts\` for the code \`${MONTHLY_CODE}\`: dismissed as a false positive.`,
      'the draft names the kind and quotes the code',
    );
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    await wb.step('the box to say which current findings the rule hides', 10_000, () =>
      message.filter({ hasText: 'Hides only this finding' }).waitFor({ timeout: 9_000 }),
    );
    assert.equal(
      (await message.innerText()).trim(),
      `Hides only this finding (src/report.ts:${MONTHLY_LINE}) in later reviews.`,
    );
    await wb.screenshot('rules-2-remember-draft');
    await wb.press('Enter');

    const text = await wb.step('REVIEW.md to have the learning on disk', 20_000, async () => {
      for (;;) {
        const now = readFileSync(reviewMd, 'utf8');
        if (now.includes('## Learnings')) return now;
        await sleep(200);
      }
    });
    assert.ok(
      text.endsWith(`\n## Learnings\n\n- ${box.value}\n`),
      `the rule is the last line of REVIEW.md:\n${text.slice(-400)}`,
    );
    assert.ok(text.startsWith('# Review rules\n'), 'the rest of the file is kept');
    await frame
      .locator('[data-testid="finding"]', { hasText: `src/report.ts:${MONTHLY_LINE}` })
      .waitFor({ state: 'detached', timeout: 10_000 });
    // The last step of remembering: REVIEW.md is shown at the new line (before that, the palette could lose focus to it).
    await wb.page.locator('.tabs-container .tab.active[aria-label^="REVIEW.md"]').first().waitFor({ timeout: 10_000 });
    await wb.screenshot('rules-3-review-md-learning');

    // The other query's thread is still there, open on the file.
    const again = await review(wb, 'src/report.ts', { palette: true });
    assert.deepEqual(await findingTitles(again), [SQL_TITLE], 'the remembered false positive is not raised again');
    assert.deepEqual(
      await again.locator('[data-testid="finding"] .finding-location').allInnerTexts(),
      [`src/report.ts:${YEARLY_LINE}`],
      'the other string-built query, never dismissed, still is',
    );
    assert.equal(
      await again.getByTestId('rules-summary').innerText(),
      '1 rules file used · 1 finding suppressed by them',
    );
  });
});
