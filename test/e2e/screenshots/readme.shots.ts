// The README's screenshots, taken from real runs of the packaged extension against the simulator (demo responder),
// so they stay true as the UI changes: `npm run screenshots` (not part of `npm run test:e2e`). Each shot waits for
// the state it shows, then writes media/readme/<name>.png at a 1280×800 viewport; README.md references them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { DEMO_CHANGE_FILES, DEMO_CHANGE_MARKER } from '../../support/demoAgents';
import { REPO_ROOT, sleep, useWorkbench, type Workbench } from '../harness/index.js';
import { simulatorControl } from '../harness/simulatorControl.js';

const OUT = join(REPO_ROOT, 'media', 'readme');
const FILE = 'src/orders.ts';
const PANEL_TITLE = `Review: ${FILE}`;
/** The demo responder's off-by-one finding in the sample's orders.ts: its thread carries a suggested fix as a diff. */
const FIX_LINE = 56;

/**
 * Writes media/readme/<name>.png. With pngquant on the PATH (Debian: apt-get install pngquant) the PNG is
 * quantised to a palette, about a third of the size for the workbench's flat colours; without it the plain
 * screenshot is kept (test/unit/release/docs.test.ts bounds the sizes either way).
 */
async function shot(wb: Workbench, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.png`);
  await wb.page.screenshot({ path: file, timeout: 15_000 });
  const raw = statSync(file).size;
  const quant = spawnSync('pngquant', [
    '--quality',
    '65-95',
    '--speed',
    '1',
    '--skip-if-larger',
    '--force',
    '--ext',
    '.png',
    file,
  ]);
  const note = quant.error ? 'pngquant not found, kept as taken' : `${Math.round(raw / 1024)} KB as taken`;
  console.log(`      wrote media/readme/${name}.png: ${Math.round(statSync(file).size / 1024)} KB (${note})`);
}

async function startReview(wb: Workbench): Promise<Frame> {
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand('Notifications: Clear All Notifications');
  await wb.openFile(FILE);
  await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
  return wb.webviewFrame(PANEL_TITLE);
}

/** Waits for a quick pick whose title matches, and returns its rows. */
async function quickPickTitled(wb: Workbench, title: RegExp, timeoutMs = 30_000): Promise<string[]> {
  return wb.step(`a quick pick titled ${title}`, timeoutMs, async () => {
    for (const deadline = Date.now() + timeoutMs - 1000; ;) {
      const shown = (await wb.quickInput.isVisible())
        ? ((await wb.quickInput
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')) ?? '')
        : '';
      if (title.test(shown)) return wb.quickInputRows();
      if (Date.now() > deadline) throw new Error(`the quick input shows "${shown}"`);
      await sleep(200);
    }
  });
}

describe('README screenshots', function () {
  const session = useWorkbench({
    name: 'readme-screenshots',
    simulator: { args: ['--control', 'on'] },
    viewport: { width: 1280, height: 800 },
    // The Comments view would open in the panel with the first thread and squeeze the editor.
    settings: { 'comments.openView': 'never' },
  });

  it('cost before a run: the expert picker estimates the review of the active file', async () => {
    const { workbench: wb } = session();
    await wb.runCommand('View: Close All Editors');
    await wb.openFile(FILE);
    await wb.runCommand('Claude Multi-Agent: Choose experts…');
    try {
      await quickPickTitled(wb, /experts to run — /);
      await shot(wb, 'cost-estimate');
    } finally {
      await wb.closeQuickInput();
    }
  });

  it('a review streaming into the panel (live cost per lane), then its findings in the editor', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // Slow enough that several lanes are seen mid-answer, each with its running tokens and cost.
    await sim.configure({ tokensPerSecond: 12, tokensPerChunk: 2 });
    try {
      const frame = await startReview(wb);
      await wb.step('two lanes streaming text', 60_000, async () => {
        const streaming = frame.locator('[data-status="streaming"] [data-testid^="section-text-"]:not(:empty)');
        for (const deadline = Date.now() + 59_000; (await streaming.count()) < 2; await sleep(200))
          if (Date.now() > deadline) throw new Error('fewer than two lanes streamed');
      });
      await sleep(1500); // a little more text in each lane: a picture, not an assertion
      await wb.clearNotifications();
      await shot(wb, 'review-streaming');
      await sim.restorePacing();
      await wb.step('the review to finish', 120_000, () =>
        frame.locator('[data-testid="run-status"][data-outcome="completed"]').waitFor({ timeout: 119_000 }),
      );
      await wb.clearNotifications();
      await wb.step('a finding’s thread in the editor', 20_000, () =>
        wb.page.locator('.editor-group-container .review-widget').first().waitFor({ timeout: 19_000 }),
      );
      await shot(wb, 'review-findings');
    } finally {
      await sim.restorePacing();
    }
  });

  it('comment threads on the code, with the suggested fix as a diff', async () => {
    const { workbench: wb } = session();
    await wb.runCommand('View: Close All Editors');
    await wb.openFile(FILE);
    // Centres a line below the finding's, so the finding sits near the top with room for its thread.
    await wb.goToLine(FIX_LINE + 10);
    await wb.step('the off-by-one thread with its fix', 20_000, () =>
      wb.page
        .locator('.editor-group-container.active .review-widget', { hasText: 'Suggested fix' })
        .first()
        .waitFor({ timeout: 19_000 }),
    );
    // The thread is taller than half the editor, so no centred line shows it whole: scroll the text down a
    // line at a time (Ctrl+Up) until the thread's top, with its severity and experts, is in view.
    const thread = wb.page
      .locator('.editor-group-container.active .review-widget', { hasText: 'Suggested fix' })
      .first();
    const editorTop = (await wb.page.locator('.editor-group-container.active .monaco-editor').first().boundingBox())!.y;
    for (let i = 0; i < 40 && ((await thread.boundingBox())?.y ?? 0) < editorTop + 30; i++)
      await wb.page.keyboard.press('Control+ArrowUp');
    await wb.clearNotifications();
    await shot(wb, 'comment-threads');
  });

  it("delegation: the agents' change set in the multi-file diff editor and the changes view", async () => {
    const { workbench: wb } = session();
    await wb.runCommand('View: Close All Editors');
    await wb.openFile(DEMO_CHANGE_FILES[0].path);
    await wb.runCommand('Claude Multi-Agent: Delegate task to parallel agents…');
    await wb.waitForQuickInput();
    await wb.typeInQuickInput(`Make a ${DEMO_CHANGE_MARKER}: annotate the orders and pagination modules`);
    await wb.quickInputBox.press('Enter');
    const rows = await quickPickTitled(wb, /Code context for the agents/);
    await wb.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .nth(rows.findIndex((r) => r.includes('No code context')))
      .click();
    await quickPickTitled(wb, /^Plan for ".*": 2 subtasks/);
    await wb.quickInputBox.press('Enter');
    await wb.quickInput.waitFor({ state: 'hidden' });
    const multiDiff = wb.page.locator('.multiDiffEditor');
    await wb.step('the multi-file diff editor listing both files', 90_000, async () => {
      for (const f of DEMO_CHANGE_FILES)
        await multiDiff
          .locator('.multiDiffEntry .header', { hasText: f.path.split('/').pop()! })
          .first()
          .waitFor({ timeout: 89_000 });
    });
    await wb.clearNotifications();
    await shot(wb, 'delegation-changes');
  });
});
