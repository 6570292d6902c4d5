// From a review command to its panel: the real ReviewSessions and ReviewPanel (VS Code replaced by a
// stand-in), the real pipeline reading a few hundred files and streaming from the simulator. The panel
// used to open when the review was planned, after gathering; it now opens when the run begins.
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/core';
import { nodeWorkspaceFs } from '../../src/node';
import { BUILTIN_EXPERTS, runReviewPipeline, type ReviewEvent } from '../../src/review';
import { fakeKey } from '../support/fakeKeys';
import { MemoryMemento } from '../support/memoryMemento';
import { startSimulator } from '../support/simulator';
import { fakeContext, installFakeVscode, panels } from './fakeVscode';
import { median, type Row } from './stats';

const FILES = 300;

/** Milliseconds from the command to each moment of one review. */
interface Moments {
  panel: number;
  firstMessage: number;
  planned: number;
  firstText: number;
}

export async function runPanelOpenBench(rounds: number): Promise<Row[]> {
  installFakeVscode();
  const { ReviewPanel } = await import('../../src/extension/review/reviewPanel');
  const { ReviewSessions } = await import('../../src/extension/review/reviewSessions');
  const { OpenFindings } = await import('../../src/extension/review/openFindings');
  const key = fakeKey('bench-panel');
  const sim = await startSimulator({ apiKey: key, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
  const root = await fsp.mkdtemp(join(tmpdir(), 'cma-bench-panel-'));
  try {
    await fsp.mkdir(join(root, 'src'));
    for (let i = 0; i < FILES; i++)
      await fsp.writeFile(
        join(root, 'src', `m${i}.ts`),
        Array.from({ length: 40 }, (_, l) => `export const v${i}_${l} = load(${l}); // line ${l}`).join('\n'),
      );
    const runs: Moments[] = [];
    for (let round = 0; round < rounds; round++) {
      let t0 = 0;
      const at: Partial<Moments> = {};
      const since = () => performance.now() - t0;
      const sessions = new ReviewSessions({
        createPanel: (snapshot, column, onDispose) => {
          at.panel ??= since();
          const panel = new ReviewPanel(fakeContext().extensionUri as never, snapshot, () => {}, onDispose);
          // The page says it is ready at once; its first message is the host's answer.
          panels.at(-1)!.webview.fromPage({ type: 'ready' });
          at.firstMessage ??= since();
          return panel;
        },
        gathering: () => ({ update: () => {}, close: () => {} }),
        progress: () => ({ status: () => {}, close: () => {} }),
        channel: () => ({ append: () => {}, appendLine: () => {} }),
        statusBar: { showRunning: () => {}, show: () => {} },
        spentToday: () => 0,
        history: { save: () => Promise.resolve() },
        findings: new OpenFindings(new MemoryMemento(), { locate: (r, f) => `${r}/${f}`, saveDelayMs: 0 }),
        notices: { capReached: () => {}, expertProblems: () => {} },
        redact: (text) => text,
        logger: silentLogger,
        simulated: true,
      });
      t0 = performance.now();
      const session = sessions.create(`file://${root}`, 'src');
      const controls = session.begin(new AbortController());
      const result = await runReviewPipeline({
        target: { kind: 'paths', paths: ['src'] },
        title: 'src',
        files: { fs: nodeWorkspaceFs, root },
        experts: { load: () => Promise.resolve({ experts: [...BUILTIN_EXPERTS], problems: [] }) },
        access: () => Promise.resolve({ apiKey: key, baseURL: sim.url }),
        settings: {
          model: 'claude-sonnet-5-5',
          maxTokens: 4096,
          maxConcurrency: 5,
          contextTokenBudget: 60_000,
          exclude: [],
          synthesis: false,
          fanOutStrategy: 'cacheAware',
        },
        controls,
        onEvent: (e: ReviewEvent) => {
          if (e.type === 'planned') at.planned ??= since();
          if (e.type === 'text') at.firstText ??= since();
          session.apply(e);
        },
        store: { save: () => Promise.resolve() },
      });
      session.end();
      sessions.dispose();
      if (result.kind !== 'finished') throw new Error(`bench review stopped: ${result.message}`);
      const { panel, firstMessage, planned, firstText } = at;
      if (panel === undefined || firstMessage === undefined || planned === undefined || firstText === undefined)
        throw new Error(`a moment was not reached: ${JSON.stringify(at)}`);
      runs.push({ panel, firstMessage, planned, firstText });
    }
    const m = (k: keyof Moments) => median(runs.map((r) => r[k]));
    return [
      { figure: `review of ${FILES} files: command → panel created (ms)`, value: m('panel').toFixed(1) },
      {
        figure: 'command → first message in the panel ("gathering") (ms)',
        value: m('firstMessage').toFixed(1),
        target: '< planned',
        met: m('firstMessage') < m('planned'),
      },
      { figure: 'command → review planned (where the panel used to open) (ms)', value: m('planned').toFixed(1) },
      { figure: 'command → first expert text (ms)', value: m('firstText').toFixed(1) },
    ];
  } finally {
    await sim.close();
    await fsp.rm(root, { recursive: true, force: true });
  }
}
