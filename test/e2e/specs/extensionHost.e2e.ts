// The extension-host tier on this machine: the mocha suites of test/vscode run inside code-server's
// extension host (the same Node host desktop VS Code uses) with the real `vscode` API, started by a
// test-only runner extension, since @vscode/test-electron cannot download VS Code here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, REPO_ROOT, RESULTS_DIR, useWorkbench, type LaunchOptions } from '../harness/index.js';

/** A confirmation dialog the suite is expected to raise (a tool's prepareInvocation): it is answered "Yes" and its text kept. */
interface ExpectedDialogs {
  confirmations: string[];
}

/** One window running one selection of the suites; the outcome and report come back through files. */
function hostSuite(
  name: string,
  suites: string | undefined,
  launch: Partial<LaunchOptions>,
  more?: (session: ReturnType<typeof useWorkbench>, dialogs: ExpectedDialogs) => void,
  answerDialogs = false,
): void {
  const dialogs: ExpectedDialogs = { confirmations: [] };
  const resultFile = join(RESULTS_DIR, `${name}-result.json`);
  const logFile = join(RESULTS_DIR, `${name}-report.txt`);

  describe(`extension-host suite inside code-server: ${name}`, function () {
    before(() => {
      execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: REPO_ROOT, stdio: 'inherit' });
      mkdirSync(RESULTS_DIR, { recursive: true });
      rmSync(resultFile, { force: true });
      rmSync(logFile, { force: true });
    });

    const session = useWorkbench({
      name,
      workspaceFixture: join(REPO_ROOT, 'test', 'fixtures', 'review', 'demo-app'),
      extraExtensions: [join(FIXTURES_DIR, 'host-runner')],
      // The suite runs in the window from activation on, opening editors and raising notifications that the
      // tests after it read: nothing is reset under it.
      resetLayoutBeforeEach: false,
      ...launch,
      env: {
        CMA_HOST_TEST_SUITE: join(REPO_ROOT, 'dist-test', 'vscode', 'index.js'),
        CMA_HOST_TEST_RESULT: resultFile,
        CMA_HOST_TEST_LOG: logFile,
        ...(suites && { CMA_HOST_TEST_SUITES: suites }),
      },
    });

    it('passes every extension-host test', async function () {
      this.timeout(300_000);
      session();
      const deadline = Date.now() + 280_000;
      const page = session().workbench.page;
      while (!existsSync(resultFile) && Date.now() < deadline) {
        if (answerDialogs) {
          const dialog = page.locator('.monaco-dialog-box');
          if (await dialog.isVisible().catch(() => false)) {
            dialogs.confirmations.push(await dialog.innerText());
            await dialog.getByRole('button', { name: 'Yes' }).click();
          }
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const report = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no report was written)';
      console.log(report.replace(/^/gm, '      | '));
      await session().workbench.screenshot(name);
      assert.ok(existsSync(resultFile), 'the suite did not finish in time');
      const outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as { ok: boolean; error?: string };
      assert.ok(outcome.ok, outcome.error);
      assert.match(report, /passing/);
    });

    more?.(session, dialogs);
  });
}

hostSuite('extension-host', undefined, { initGit: true });
// The chat's AI features on (the other windows keep them off); each tool invocation asks for confirmation.
hostSuite(
  'extension-host-chat',
  'editorChat',
  { settings: { 'chat.disableAIFeatures': false } },
  (_session, dialogs) => {
    it('each tool invocation first said what would be sent to Anthropic and the estimated cost', () => {
      assert.ok(dialogs.confirmations.length >= 3, `confirmations: ${JSON.stringify(dialogs.confirmations)}`);
      assert.match(
        dialogs.confirmations[0]!,
        /src\/userService\.js will be sent to Anthropic for 4 experts.*Estimate: 4 experts · ~\d+k? tokens · ≈ \$/s,
      );
      assert.ok(
        dialogs.confirmations.some((c) => /for the Security expert.*Estimate: 1 expert · /s.test(c)),
        JSON.stringify(dialogs.confirmations),
      );
    });
  },
  true,
);
hostSuite('extension-host-untrusted', 'untrusted', { untrustedWorkspace: true }, (session) => {
  // What the user sees of the refusal the suite above provoked (it ran the command in this window).
  it('the untrusted window hides the changes review from the palette and said why it refused it', async function () {
    this.timeout(60_000);
    const wb = session().workbench;
    const entries = await wb.commandPaletteEntries('Claude Multi-Agent: Multi-expert review');
    assert.ok(
      entries.some((e) => /Multi-expert review$/.test(e)),
      `the plain review is offered: ${entries.join(' | ')}`,
    );
    assert.ok(
      !entries.some((e) => /uncommitted changes/.test(e)),
      `the changes review is not offered: ${entries.join(' | ')}`,
    );
    await wb.runCommand('Notifications: Show Notifications');
    const note = await wb.waitForNotification(/trust this workspace first/);
    assert.equal(note.severity, 'warning');
  });
});
