// "Sweep workspace (batch)…" in a real workbench against the simulator's Message Batches endpoints:
// the confirmation, then the findings where a review's go (its panel and Problems, not an untitled
// document), the project's rules file left out of the code, the state kept in the cache folder (never in
// the workspace); then a sweep whose state is there when the window reloads resumes by itself into a panel.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortHash, sweepCacheFolder } from '../../../src/node/cacheFolder';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from '../harness/index.js';

/** code-server runs with XDG_CACHE_HOME under the profile (harness/codeServer.ts). */
const stateFolder = (profile: { workspace: string; xdgDir: string }): string =>
  sweepCacheFolder(profile.workspace, { XDG_CACHE_HOME: join(profile.xdgDir, 'cache') });
const savedStates = (profile: { workspace: string; xdgDir: string }): string[] =>
  existsSync(stateFolder(profile)) ? readdirSync(stateFolder(profile)).filter((n) => n.endsWith('.json')) : [];

const SOURCE = 'Claude Multi-Agent';

/** The sweep's review panel once it shows how the sweep ended (`completed` unless told otherwise). */
async function sweepFinished(wb: Workbench, title: string, outcome: string | null = 'completed'): Promise<Frame> {
  const frame = await wb.webviewFrame(title, 90_000);
  await wb.step(`the panel of "${title}" to show its outcome`, 60_000, async () => {
    await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 59_000 });
  });
  if (outcome) assert.equal(await frame.getByTestId('run-status').getAttribute('data-outcome'), outcome);
  return frame;
}

describe('sweep: workspace sweep through a Message Batch', function () {
  // A folder hidden by files.exclude is not swept (the sweep passed no files.exclude before).
  const session = useWorkbench({
    name: 'sweep',
    simulator: true,
    settings: { 'files.exclude': { '**/hidden-notes': true } },
  });

  it('asks before submitting, then shows the findings in a review panel and Problems, rules files left out', async () => {
    const { workbench: wb, profile } = session();
    mkdirSync(join(profile.workspace, 'hidden-notes'), { recursive: true });
    writeFileSync(join(profile.workspace, 'hidden-notes/plan.ts'), 'export const hiddenPlan = 1;\n');
    // The project's rules: context for every request, not code to sweep.
    writeFileSync(join(profile.workspace, 'CLAUDE.md'), '# Rules\n\nPrices are integer cents.\n');
    // Listed once the workspace's trust is known (its palette entry requires isWorkspaceTrusted).
    await wb.waitForCommand('Claude Multi-Agent: Sweep workspace (batch)…');
    await wb.runCommand('Claude Multi-Agent: Sweep workspace (batch)…');
    const submit = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Submit batch' });
    await submit.waitFor({ timeout: 60_000 });
    const question = await wb.page.locator('.monaco-dialog-box').innerText();
    assert.match(question, /requests in one batch, at half price/);
    await wb.screenshot('sweep-1-confirm');
    await submit.click();
    // The findings go where a review's go: a review panel titled by the sweep, Problems, threads.
    const frame = await sweepFinished(wb, 'Sweep: sample-workspace');
    assert.match(
      await frame.getByTestId('run-status').innerText(),
      /^Sweep complete: .*at the batch price: group 1 \$/,
    );
    const locations = await frame.locator('[data-testid="finding"] .finding-location').allInnerTexts();
    assert.ok(
      locations.some((l) => /^src\/orders\.ts:\d+$/.test(l)),
      `the panel lists the swept file's findings: ${locations.join(', ')}`,
    );
    const problems = (await wb.problems({ minCount: 1 })).filter((p) => p.source === SOURCE);
    assert.ok(
      problems.some((p) => p.file === 'orders.ts'),
      `Problems lists the sweep's findings: ${JSON.stringify(problems)}`,
    );
    // Left out, and said why: the folder files.exclude hides, and CLAUDE.md (the project's rules, not code).
    const leftOut = await frame.getByTestId('excluded-item').allTextContents();
    assert.ok(
      leftOut.some((l) => /^hidden-notes\/ — files-exclude.*'\*\*\/hidden-notes' in files\.exclude/.test(l)),
      leftOut.join(' | '),
    );
    assert.ok(
      leftOut.some((l) => /^CLAUDE\.md — instructions .*read as the project's rules, not reviewed as code/.test(l)),
      leftOut.join(' | '),
    );
    await wb.screenshot('sweep-2-panel');
    assert.ok(
      !/# Sweep: sample-workspace/.test(await wb.visibleEditorText().catch(() => '')),
      'no untitled Markdown report',
    );
    assert.deepEqual(savedStates(profile), [], 'the state is cleared once reported');
    assert.ok(!existsSync(join(profile.workspace, '.claude-multi-agent')), 'nothing written in the workspace');
  });

  it('resumes a pending batch after a reload, without being asked again', async () => {
    const { workbench: wb, profile, simulator } = session();
    assert.ok(simulator);
    // A batch submitted "before the reload": one request over src/orders.ts by the security expert.
    const created = (await (
      await fetch(`${simulator.url}/v1/messages/batches`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'simulated-key',
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          requests: [
            {
              custom_id: 'g0-e0',
              params: { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'review' }] },
            },
          ],
        }),
      })
    ).json()) as { id: string };
    // Where the extension saves a sweep's batch: one file per sweep key (src/node/sweepStateFile.ts), the one
    // its resume clears once it has reported.
    const key = 'a sweep submitted before the reload';
    mkdirSync(stateFolder(profile), { recursive: true });
    writeFileSync(
      join(stateFolder(profile), `${shortHash(key)}.json`),
      JSON.stringify({
        version: 2,
        key,
        scope: { paths: ['src/orders.ts'], experts: ['security'], model: 'claude-sonnet-5-5', settings: '' },
        contents: {},
        batchId: created.id,
        createdAt: new Date().toISOString(),
        title: 'Sweep: resumed after reload',
        groups: [
          {
            paths: ['src/orders.ts'],
            files: [{ path: 'src/orders.ts', startLine: 1, endLine: 200 }],
            contextTokens: 100,
          },
        ],
        experts: [{ id: 'security', name: 'Security', instructions: 'x', source: 'builtin' }],
        requests: { 'g0-e0': { group: 0, expert: 0 } },
        leftOut: { total: 0, byReason: [], shown: [] },
      }),
    );
    await wb.reloadWindow();
    // Its one request asked no expert's question: whatever it answered, the panel says how the sweep ended.
    await sweepFinished(wb, 'Sweep: resumed after reload', null);
    await wb.screenshot('sweep-3-resumed');
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'a resumed sweep asks nothing');
    assert.deepEqual(savedStates(profile), [], 'collected and cleared');
  });
});
