// No API key, then a wrong one, in a real workbench: the extension runs without the simulated flag and without
// ANTHROPIC_API_KEY, against a simulator that accepts one key only. A review offers to set a key; a wrong key is
// checked when it is entered (one models.list request) and refused before any review request; the right key then works.
// Each test starts from the harness's start layout, so the second reaches the refusal again by itself.
import assert from 'node:assert/strict';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { useWorkbench, type NotificationInfo, type Workbench } from '../harness/index.js';
import { describeLog, simulatorControl } from '../harness/simulatorControl.js';

const FILE = 'src/orders.ts';
const PANEL_TITLE = `Review: ${FILE}`;
const RIGHT_KEY = 'sk-ant-e2e-right-key-0001';
const WRONG_KEY = 'sk-ant-e2e-wrong-key-9999';
const NEEDS_KEY = 'needs an Anthropic API key';
const REFUSED = /refused that key/i;
const EXPERT_IDS = BUILTIN_EXPERTS.map((e) => e.id);

async function startReview(wb: Workbench): Promise<void> {
  await wb.openFile(FILE);
  await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
}

/** Starts a review, which asks for a key; answers with the wrong one; returns the refusal. */
async function refuseWrongKey(wb: Workbench, screenshots = false): Promise<NotificationInfo> {
  await startReview(wb);
  const ask = await wb.waitForNotification(NEEDS_KEY);
  assert.ok(ask.buttons.includes('Set API key'), JSON.stringify(ask));
  if (screenshots) await wb.screenshot('badkey-1-needs-key');
  await wb.notificationButton('Set API key', { message: NEEDS_KEY });
  await enterKey(wb, WRONG_KEY, screenshots ? 'badkey-2-enter-wrong-key' : undefined);
  // One models.list request checks the key: the wrong one is refused at once and not saved.
  return wb.waitForNotification(REFUSED);
}

/** Answers the key prompt (a password box) with `key`. */
async function enterKey(wb: Workbench, key: string, screenshot?: string): Promise<void> {
  const box = await wb.waitForQuickInput();
  assert.match(`${box.title} ${box.placeholder} ${box.message}`, /API key/i);
  assert.equal(await wb.quickInputBox.getAttribute('type'), 'password', 'the key is typed into a password box');
  await wb.typeInQuickInput(key);
  if (screenshot) await wb.screenshot(screenshot);
  await wb.quickInputBox.press('Enter');
  await wb.quickInput.waitFor({ state: 'hidden' });
}

async function waitForAllSections(wb: Workbench, frame: Frame, statuses: string[]): Promise<void> {
  await wb.step(`every expert to be ${statuses.join(' or ')}`, 60_000, async () => {
    for (const id of EXPERT_IDS) {
      await frame
        .locator(statuses.map((s) => `[data-testid="section-${id}"][data-status="${s}"]`).join(', '))
        .first()
        .waitFor({ state: 'attached', timeout: 59_000 });
    }
  });
}

describe('bad path: no API key, then a wrong one', function () {
  const session = useWorkbench({
    name: 'badkey',
    simulator: { args: ['--api-key', RIGHT_KEY, '--control', 'on'] },
    // Not simulated (no placeholder key), and no key from the environment.
    env: { CLAUDE_MULTI_AGENT_SIMULATED: '0', ANTHROPIC_API_KEY: undefined },
  });

  it('offers to set a key; a wrong key is checked and refused when it is entered, before any review request', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    const refused = await refuseWrongKey(wb, true);
    assert.equal(refused.severity, 'error', JSON.stringify(refused));
    assert.ok(refused.buttons.includes('Enter another key'), JSON.stringify(refused));
    await wb.screenshot('badkey-3-key-refused');
    assert.equal((await sim.log()).log.length, 0, 'no review request was sent with the wrong key');
    assert.ok(!JSON.stringify(await wb.notifications()).includes(WRONG_KEY), 'no notification shows the key');
    const log = await wb.readOutputChannel('Claude Multi-Agent');
    assert.ok(!log.includes(WRONG_KEY), 'the log does not carry the key');
  });

  it('takes the right key from "Enter another key", and the review that asked for it runs', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    await refuseWrongKey(wb);
    await wb.notificationButton('Enter another key', { message: REFUSED });
    await enterKey(wb, RIGHT_KEY);
    // "API key saved" is a passing toast that the review's own notifications can replace; that the key
    // was saved and used is asserted below on every request the simulator saw.

    const frame = await wb.webviewFrame(PANEL_TITLE);
    // The badge is hidden until the host's init says whether answers are simulated; the title comes with it.
    await frame.getByTestId('review-title').filter({ hasText: PANEL_TITLE }).waitFor({ timeout: 20_000 });
    assert.equal(
      await frame.getByTestId('simulated-badge').isVisible(),
      false,
      'real (not simulated) answers are not marked',
    );
    await waitForAllSections(wb, frame, ['done']);
    await frame.locator('[data-testid="run-status"][data-outcome]').waitFor();
    assert.equal(await frame.getByTestId('run-status').getAttribute('data-outcome'), 'completed');
    await frame.getByTestId('finding').first().waitFor();
    await wb.screenshot('badkey-4-right-key');
    const snapshot = await sim.waitForIdle(EXPERT_IDS.length + 1);
    assert.ok(
      snapshot.log.every((e) => e.status === 200 && e.apiKey === RIGHT_KEY),
      describeLog(snapshot),
    );
  });
});
