// The demo's first five minutes, as `npm start` sets them up (demoProfile.ts, demoRepo.ts): VS Code's chat
// on, the sample a git repository whose feature branch is ahead of main, and the extension told it runs
// the demo. On the first start the walkthrough "Get started with Claude Multi-Agent" opens beside the
// Claude chat; each step's button does its step on the sample, against the simulator with the demo
// responder, and the step is then ticked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame, Locator } from 'playwright-core';
import { DEMO_ENV, DEMO_SETTINGS } from '../harness/demoProfile.js';
import { BRANCH_BUG, BRANCH_FILE, DEMO_BRANCH, initDemoRepo } from '../harness/demoRepo.js';
import { useWorkbench, type Workbench } from '../harness/index.js';

const WALKTHROUGH_TITLE = 'Get started with Claude Multi-Agent';
const CHAT_TITLE = 'Follow-up chat';
const SAMPLE_FILE = 'src/orders.ts';

/** The walkthrough's page (VS Code's Welcome editor), shown. */
async function walkthrough(wb: Workbench, timeoutMs = 30_000): Promise<Locator> {
  const title = wb.page.locator('.gettingStartedContainer h2.category-title', { hasText: WALKTHROUGH_TITLE });
  await wb.step('the walkthrough to show', timeoutMs, () => title.waitFor({ timeout: timeoutMs - 1000 }));
  return wb.page.locator('.gettingStartedContainer');
}

/** A step of the walkthrough by its id in package.json (VS Code prefixes the extension and walkthrough). */
const step = (page: Locator, id: string): Locator =>
  page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);

/** From the start layout (layout.ts): opens the walkthrough and expands `id`. */
async function openStep(wb: Workbench, id: string): Promise<Locator> {
  await wb.resetLayout();
  await wb.runCommand('Claude Multi-Agent: Get started');
  const s = step(await walkthrough(wb), id);
  if ((await s.getAttribute('aria-expanded')) !== 'true') await s.click();
  await wb.step(`step ${id} to expand`, 10_000, () =>
    wb.page
      .locator(`button.getting-started-step[data-step-id$="#${id}"][aria-expanded="true"]`)
      .waitFor({ timeout: 9_000 }),
  );
  return s;
}

/** Clicks the step's button (a link alone on its line in the step's description). */
async function pressStepButton(s: Locator, label: string): Promise<void> {
  await s.locator('.step-description-container .monaco-button', { hasText: label }).click();
}

/** Shows the walkthrough again (a step may have put an editor over it) and waits for `id` to be ticked. */
async function waitForTicked(wb: Workbench, id: string): Promise<void> {
  await wb.runCommand('Claude Multi-Agent: Get started');
  await walkthrough(wb);
  await wb.step(`step ${id} to be ticked`, 15_000, () =>
    wb.page
      .locator(`button.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`)
      .waitFor({ state: 'attached', timeout: 14_000 }),
  );
}

async function waitForOutcome(wb: Workbench, frame: Frame): Promise<string | null> {
  await wb.step('the review to finish', 90_000, () =>
    frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 89_000 }),
  );
  return frame.getByTestId('run-status').getAttribute('data-outcome');
}

describe("walkthrough: the demo's first five minutes", function () {
  const session = useWorkbench({
    name: 'walkthrough',
    settings: { ...DEMO_SETTINGS },
    env: { ...DEMO_ENV },
    prepareWorkspace: (dir) => void initDemoRepo(dir),
    simulator: true,
    // The first test looks at the first start as it is; the others reset the layout themselves (openStep).
    resetLayoutBeforeEach: false,
  });

  it('on the first start the walkthrough is open, beside the Claude chat, with a step for each thing to try', async () => {
    const { workbench: wb } = session();
    const page = await walkthrough(wb, 60_000);
    const titles = (await page.locator('button.getting-started-step h3.step-title').allInnerTexts()).map((t) =>
      t.trim(),
    );
    assert.ok(titles.length >= 4, titles.join(' | '));
    for (const expected of [
      /^Review a file/,
      /^Review the branch/,
      /^Ask a follow-up/,
      /^Delegate a change/,
      /API key/,
    ])
      assert.ok(
        titles.some((t) => expected.test(t)),
        `${String(expected)} in ${titles.join(' | ')}`,
      );
    await wb.step('the Claude chat to be shown', 30_000, async () => {
      while (!(await wb.webviews()).some((v) => v.info.title.includes(CHAT_TITLE)))
        await new Promise((r) => setTimeout(r, 200));
    });
    // VS Code's own chat is on (chat.disableAIFeatures false), so @experts can be tried.
    assert.ok(
      (await wb.commandPaletteEntries('Chat: Open Chat')).some((e) => /^Chat: Open Chat\b/.test(e)),
      "VS Code's chat commands are offered",
    );
    await wb.closeQuickInput();
    await wb.screenshot('walkthrough-1-first-start');
  });

  it('"Review this branch" reviews the sample branch against main and finds the bug on its changed line', async () => {
    const { workbench: wb, profile } = session();
    const s = await openStep(wb, 'reviewBranch');
    await pressStepButton(s, 'Review this branch');
    await wb.step('the base branch picker', 30_000, async () => {
      await wb.quickInput
        .locator('.quick-input-title', { hasText: `Review ${DEMO_BRANCH} against…` })
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
    await wb.typeInQuickInput('', { submit: true });
    const frame = await wb.webviewFrame(
      /^Review: branch feature\/last-page vs main \(merge-base [0-9a-f]{7}\)$/,
      90_000,
    );
    assert.equal(await waitForOutcome(wb, frame), 'completed');
    const bugLine =
      readFileSync(join(profile.workspace, BRANCH_FILE), 'utf8')
        .split('\n')
        .findIndex((l) => l.trim() === BRANCH_BUG) + 1;
    assert.ok(bugLine > 0);
    const finding = frame.locator('[data-testid="finding"]', { hasText: 'Off-by-one' });
    assert.deepEqual(await finding.locator('.finding-location').allInnerTexts(), [`${BRANCH_FILE}:${bugLine}`]);
    await wb.screenshot('walkthrough-2-branch-review');
    await waitForTicked(wb, 'reviewBranch');
  });

  it('"Review src/orders.ts" reviews the sample file with every expert', async () => {
    const { workbench: wb } = session();
    const s = await openStep(wb, 'reviewFile');
    await pressStepButton(s, `Review ${SAMPLE_FILE}`);
    const frame = await wb.webviewFrame(`Review: ${SAMPLE_FILE}`, 90_000);
    assert.equal(await waitForOutcome(wb, frame), 'completed');
    assert.ok((await frame.locator('[data-testid="finding"]').count()) > 0, 'the sample has findings');
    await waitForTicked(wb, 'reviewFile');
    await wb.screenshot('walkthrough-3-file-review');
  });

  it('"Ask which finding to fix first" asks the Claude chat about the review, and it answers', async () => {
    const { workbench: wb } = session();
    const s = await openStep(wb, 'askFollowUp');
    await pressStepButton(s, 'Ask which finding to fix first');
    const chat = await wb.webviewFrame(CHAT_TITLE);
    await wb.step('the question and its answer in the chat', 60_000, () =>
      chat
        .locator('[data-testid="chat-turn"][data-role="assistant"]:not([data-status="streaming"])')
        .first()
        .waitFor({ timeout: 59_000 }),
    );
    assert.match(
      await chat.locator('[data-testid="chat-turn"][data-role="user"]').last().innerText(),
      /Which finding should I fix first/,
    );
    assert.match(await chat.getByTestId('chat-thread-file').innerText(), new RegExp(`^${SAMPLE_FILE}$`));
    await waitForTicked(wb, 'askFollowUp');
    await wb.screenshot('walkthrough-4-follow-up');
  });

  it('"Delegate a fix" starts a delegation with the task filled in; the agents read the workspace by default', async () => {
    const { workbench: wb } = session();
    const s = await openStep(wb, 'delegate');
    await pressStepButton(s, 'Delegate a fix for the off-by-one');
    await wb.step('the code context picker', 30_000, () =>
      wb.quickInput
        .locator('.quick-input-title', { hasText: 'Code context for the agents' })
        .waitFor({ timeout: 29_000 }),
    );
    const rows = await wb.quickInputRows();
    assert.match(rows[0] ?? '', /The workspace/, rows.join(' | '));
    await wb.screenshot('walkthrough-5-delegate');
    await wb.closeQuickInput();
    await waitForTicked(wb, 'delegate');
  });
});
