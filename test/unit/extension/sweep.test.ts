// "Sweep workspace (batch)…" in the editor, driven as the user drives it: the real sweep command, the
// review feature and the SDK against the simulator's Message Batches (editorHarness.ts). A sweep's
// findings go where a review's go (its panel, Problems, comment threads, history), never to an untitled
// Markdown document; the project's rules files and agent definitions reach every request as context and
// are not swept as code; a sweep pending at a reload is collected into the same views.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepCacheFolder } from '../../../src/node/cacheFolder';
import { sweepStateFolder } from '../../../src/node/sweepStateFile';
import { EditorWindow, standIn } from './editorHarness';

const RULE = 'Money is stored in integer cents; flag any float arithmetic on prices.';
const AGENT_RULE = 'You are the release checklist agent.';

type FindingsMessage = { type: string; findings: Array<{ file: string; title: string }> };

describe('extension: workspace sweep shows its findings as a review does', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  let cache: string;
  const xdg = process.env['XDG_CACHE_HOME'];

  beforeEach(async () => {
    cache = mkdtempSync(join(tmpdir(), 'cma-sweep-cache-'));
    process.env['XDG_CACHE_HOME'] = cache;
    w = await EditorWindow.open();
    // The project's instruction files: rules of several kinds, Cursor's older file and an agent definition.
    writeFileSync(join(w.root, 'CLAUDE.md'), `# Project rules\n\n${RULE}\n`);
    writeFileSync(join(w.root, 'AGENTS.md'), '# Agents\n\nRun the tests before proposing a change.\n');
    writeFileSync(join(w.root, '.cursorrules'), 'Prefer small functions.\n');
    mkdirSync(join(w.root, '.claude/agents'), { recursive: true });
    writeFileSync(join(w.root, '.claude/agents/release.md'), `---\nname: release\n---\n${AGENT_RULE}\n`);
    // The confirmation before the batch is submitted.
    standIn.answerNotice = (n) => (n.actions.includes('Submit batch') ? 'Submit batch' : undefined);
  });
  afterEach(async () => {
    await w.close();
    if (xdg === undefined) delete process.env['XDG_CACHE_HOME'];
    else process.env['XDG_CACHE_HOME'] = xdg;
    rmSync(cache, { recursive: true, force: true });
  });

  /** The command (loaded once the stand-in answers `require('vscode')`), with the window's review feature. */
  const sweep = async (resumeOnly = false) => {
    const { sweepWorkspace } = await import('../../../src/extension/sweep/sweepWorkspace');
    return sweepWorkspace(w.services, () => Promise.resolve(w.controller), resumeOnly);
  };
  const markdownDocuments = () => standIn.documents.filter((d) => d.languageId === 'markdown');

  it('puts the findings in Problems, comment threads and a review panel, not an untitled document', async () => {
    await sweep();
    assert.equal(w.sim.batches.created.length, 1, 'one batch');
    assert.ok(
      w.problems('src/orders.ts').some((p) => /^17: .*SQL query built by string concatenation/.test(p)),
      `Problems: ${w.problems('src/orders.ts').join(' | ')}`,
    );
    assert.ok(w.threads('src/orders.ts').length > 0, 'comment threads on the swept file');
    const panel = w.panel();
    const init = w.lastPosted<{ type: string; title: string; kind?: string }>(panel, 'review/init');
    assert.equal(init?.title, 'Sweep: sample');
    assert.equal(init?.kind, 'sweep', 'the panel says "Sweep complete", not "Review complete"');
    const shown = w.lastPosted<FindingsMessage>(panel, 'review/findings')?.findings ?? [];
    assert.ok(
      shown.some((f) => f.file === 'src/orders.ts' && /SQL query/.test(f.title)),
      'the panel lists the finding',
    );
    assert.deepEqual(markdownDocuments(), [], 'no untitled Markdown report');
    const spent = w.services.context.globalState.get<{ usd: number }>('claudeMultiAgent.spend');
    assert.ok(spent && spent.usd > 0, `today's spend counts the sweep: ${JSON.stringify(spent)}`);
    // A sweep lane's Retry cannot re-run one batch request: it says how to sweep again.
    // The page's message is handled at once up to the notice (nothing to wait for before it).
    panel.webview.fromPage({ type: 'retryExpert', sectionId: 'security' });
    assert.ok(
      standIn.notices.some((n) => /A sweep's expert is not retried on its own: run "Sweep workspace/.test(n.message)),
      JSON.stringify(standIn.notices),
    );
    // Kept like any review: "Export review as Markdown" and "Reopen a recent review…" take it.
    assert.match(await exportedTitle(w), /^# Sweep: sample/);
  });

  it('sends rules files and agent definitions as context, never as code under review', async () => {
    await sweep();
    const { systems } = w.sim.batches.created.at(-1)!;
    assert.ok(systems.length > 0);
    for (const system of systems) {
      const code = system.slice(system.indexOf('<code-under-review>'));
      assert.ok(code.includes('<file path="src/orders.ts"'), 'code is swept');
      for (const path of ['CLAUDE.md', 'AGENTS.md', '.cursorrules', '.claude/agents/release.md'])
        assert.ok(!code.includes(`<file path="${path}"`), `${path} is not swept as code`);
      assert.ok(
        system.indexOf(RULE) >= 0 && system.indexOf(RULE) < system.indexOf('<code-under-review>'),
        'rules first',
      );
      assert.ok(!system.includes(AGENT_RULE), 'an agent definition is not sent as code');
    }
  });

  it('collects a batch pending at a reload into the same views', async () => {
    // The batch was submitted before the window closed: its state is saved, its results waiting.
    const state = sweepStateFolder(sweepCacheFolder(w.root));
    w.sim.batches.configure({ processingMs: 60_000 });
    const first = sweep();
    await until('the batch saved', async () => (await state.pending()).length === 1);
    for (const p of standIn.progress) p.cancel();
    await first;
    standIn.answerNotice = () => undefined;
    await w.reload();
    standIn.documents.length = 0;
    w.sim.batches.finish();
    await sweep(true);
    assert.equal(w.sim.batches.created.length, 1, 'the same batch, not a second');
    assert.ok(w.problems('src/orders.ts').length > 0, 'findings in Problems after the reload');
    assert.deepEqual(markdownDocuments(), []);
    assert.deepEqual(await state.pending(), [], 'collected and cleared');
  });
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The first line of what "Export review as Markdown" writes for the newest review. */
async function exportedTitle(w: EditorWindow): Promise<string> {
  const before = standIn.documents.length;
  await w.run('claudeMultiAgent.exportReview');
  const doc = standIn.documents.slice(before).find((d) => d.languageId === 'markdown');
  assert.ok(doc, 'the export opens a Markdown document');
  return doc.getText().split('\n')[0] ?? '';
}
