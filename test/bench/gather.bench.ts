// Context gathering at workspace scale, this build side by side with a baseline build (by default
// the commit before bounded, budget-aware gathering; GATHER_BENCH_BASELINE=<commit> picks another).
// Runs on its own too: `npm run bench -- gather`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as vscode from 'vscode';
import { silentLogger } from '../../src/core';
import type { ReviewSnapshot } from '../../src/extension/review/reviewSnapshot';
import { nodeWorkspaceFs } from '../../src/node/nodeWorkspaceFs';
import * as current from '../../src/review/context';
import type { ExcludedFile, GatheredContext, GatherInput } from '../../src/review/context';
import { MemoryWorkspaceFs } from '../support/memoryWorkspaceFs';
import { median, type Row } from './stats';

const REPO = join(__dirname, '../..');
const BASELINE = process.env['GATHER_BENCH_BASELINE'] ?? '37ed8e6267469127713448e13c9de7bd4e99f1b5';
const ROOT = '/w';
let ROUNDS = 3;
const DEFAULT_BUDGET = 60_000;

type Gather = (input: GatherInput) => Promise<GatheredContext>;
interface Build {
  gatherContext: Gather;
}

/** The baseline's src/review/context, extracted with git and loaded through the same TypeScript loader. */
async function loadBaseline(): Promise<Build | undefined> {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'cma-gather-baseline-'));
    const tar = execFileSync('git', ['archive', BASELINE, 'src/review/context'], { cwd: REPO, maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    const build = (await import(pathToFileURL(join(dir, 'src/review/context/index.ts')).href)) as Build;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return build;
  } catch (err) {
    console.warn(
      `gather bench: baseline ${BASELINE} unavailable (${(err as Error).message.split('\n')[0]}); showing this build only`,
    );
    return undefined;
  }
}

/** Code-like file bodies of 200 B to 12 KB; shared so 100k files cost little memory. */
const BODIES = Array.from({ length: 64 }, (_, i) => {
  const lines = 3 + ((i * 37) % 160);
  return new TextEncoder().encode(
    Array.from({ length: lines }, (_, n) => `  const value${n} = compute(${n}, ${i}); // line ${n} of a module`).join(
      '\n',
    ) + '\n',
  );
});

/**
 * `files` files: half under an (always-skipped) node_modules, half in packages of 25-file folders,
 * with a .gitignore at the root and in every fifth package.
 */
function workspaceFiles(files: number): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [['.gitignore', new TextEncoder().encode('*.log\n/tmp/\n')]];
  const half = files / 2;
  for (let i = 0; i < half; i++)
    out.push([`node_modules/dep${Math.floor(i / 200)}/lib/f${i % 200}.js`, BODIES[i % BODIES.length]!]);
  for (let i = 0; i < half; i++) {
    const pkg = Math.floor(i / 500);
    const folder = Math.floor((i % 500) / 25);
    if (i % 500 === 0 && pkg % 5 === 0)
      out.push([`packages/p${pkg}/.gitignore`, new TextEncoder().encode('generated/\n')]);
    out.push([`packages/p${pkg}/src/m${folder}/file${i % 25}.ts`, BODIES[(i * 7) % BODIES.length]!]);
  }
  return out;
}

interface Run {
  ms: number;
  fs: MemoryWorkspaceFs;
  context: GatheredContext;
}

async function timedGather(
  gather: Gather,
  files: Array<[string, Uint8Array]>,
  latencyMs: number,
  extra: Partial<GatherInput> = {},
): Promise<Run> {
  const fs = new MemoryWorkspaceFs(ROOT, files, { latencyMs });
  const t0 = performance.now();
  const context = await gather({
    fs,
    workspaceRoot: ROOT,
    target: { kind: 'paths', paths: ['.'] },
    budgetTokens: DEFAULT_BUDGET,
    ...extra,
  });
  return { ms: performance.now() - t0, fs, context };
}

/** This build and the baseline, alternating round by round so a busy machine weighs on both alike. */
async function sideBySide(
  builds: Array<Gather | undefined>,
  files: Array<[string, Uint8Array]>,
  latencyMs: number,
  extra: Partial<GatherInput> = {},
): Promise<Array<Run | undefined>> {
  const runs: Run[][] = builds.map(() => []);
  // One untimed run each first, so neither build is measured while it is still being compiled.
  for (const gather of builds) if (gather) await timedGather(gather, files, 0, extra);
  for (let i = 0; i < ROUNDS; i++) {
    for (const [b, gather] of builds.entries())
      if (gather) runs[b]!.push(await timedGather(gather, files, latencyMs, extra));
  }
  return runs.map((r) => (r.length ? { ...r[0]!, ms: median(r.map((x) => x.ms)) } : undefined));
}

/** Files that were read and then left out for the budget: work thrown away. */
function readAndDropped(run: Run): number {
  return run.context.excluded.filter((e) => e.reason === 'budget' && run.fs.readsByPath.has(`${ROOT}/${e.path}`))
    .length;
}

function readTwice(run: Run): number {
  return [...run.fs.readsByPath.values()].filter((n) => n > 1).length;
}

function readsPerByte(run: Run): number {
  let distinct = 0;
  for (const path of run.fs.readsByPath.keys()) distinct += run.fs.files.get(path)!.length;
  return run.fs.bytesRead / distinct;
}

/** A chain of nested folders with one file at the bottom. */
function chain(depth: number): Array<[string, Uint8Array]> {
  const path = Array.from({ length: depth }, (_, i) => `d${i % 10}`).join('/');
  return [
    ['.gitignore', new TextEncoder().encode('*.log\n')],
    [`${path}/f.ts`, BODIES[0]!],
  ];
}

/** Workspace storage as VS Code's Memento behaves: JSON values by key. */
class MemoryMemento implements vscode.Memento {
  private readonly data = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    const json = this.data.get(key);
    return json === undefined ? fallback : (JSON.parse(json) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
  size(key: string): number {
    return this.data.get(key)?.length ?? 0;
  }
}

/** Median time of one forced history save with ten reviews stored, each carrying `excluded`. */
async function historySave(
  excluded: Pick<ReviewSnapshot, 'excluded' | 'excludedCounts'>,
): Promise<{ ms: number; bytes: number }> {
  const { ReviewHistory } = await import('../../src/extension/review/reviewHistory');
  const memento = new MemoryMemento();
  const history = new ReviewHistory(memento, silentLogger, () => undefined);
  const snapshot = (i: number): ReviewSnapshot => ({
    reviewId: `r${i}`,
    title: `Review ${i}`,
    rootUri: 'file:///w',
    targets: ['src/a.ts (lines 1-40)'],
    reviewedFiles: ['src/a.ts'],
    sections: [{ id: 'security', title: 'Security' }],
    ...excluded,
    simulated: false,
    startedAt: new Date(Date.UTC(2026, 10, 30, 9, 0, i)).toISOString(),
    state: { security: { status: 'done', raw: '{"summary":"ok","findings":[]}' } },
    findings: [],
    dropped: 0,
  });
  for (let i = 0; i < 10; i++) await history.save(snapshot(i), true);
  const times: number[] = [];
  for (let i = 10; i < 30; i++) {
    const t0 = performance.now();
    await history.save(snapshot(i), true);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), bytes: memento.size('claudeMultiAgent.reviews') };
}

const views = (list: readonly ExcludedFile[]) =>
  list.map((e) => ({ path: e.path, reason: e.reason, detail: e.detail }));

/** A real folder on disk: `files` files (half in node_modules), written once. */
function diskTree(files: Array<[string, Uint8Array]>): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'cma-gather-disk-'));
  for (const [rel, bytes] of files) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), bytes);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

async function diskGather(gather: Gather, root: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await gather({
      fs: nodeWorkspaceFs,
      workspaceRoot: root,
      target: { kind: 'paths', paths: ['.'] },
      budgetTokens: DEFAULT_BUDGET,
    });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function runGatherBench(smoke = false): Promise<Row[]> {
  ROUNDS = smoke ? 1 : 3;
  const baseline = await loadBaseline();
  const now = current.gatherContext;
  const rows: Row[] = [];

  const big = workspaceFiles(100_000);
  const builds = [now, baseline?.gatherContext];
  const [fast, fastOld] = (await sideBySide(builds, big, 0)) as [Run, Run | undefined];
  const [slow, slowOld] = (await sideBySide(builds, big, 1)) as [Run, Run | undefined];
  const ratio = (a: number, b: number | undefined) => (b === undefined ? 'n/a' : (a / b).toFixed(3));

  rows.push(
    {
      figure: '100k files (50k node_modules), default budget: gather ms',
      value: fast.ms.toFixed(1),
      target: '< 500',
      met: fast.ms < 500,
    },
    { figure: '  baseline gather ms', value: fastOld ? fastOld.ms.toFixed(1) : 'n/a' },
    { figure: '  this / baseline', value: ratio(fast.ms, fastOld?.ms) },
    {
      figure: '  same with 1 ms per fs call: gather ms',
      value: slow.ms.toFixed(1),
      target: '< 500',
      met: slow.ms < 500,
    },
    { figure: '  baseline with 1 ms per fs call: gather ms', value: slowOld ? slowOld.ms.toFixed(1) : 'n/a' },
    { figure: '  this / baseline (1 ms per call)', value: ratio(slow.ms, slowOld?.ms) },
    {
      figure: '  most fs calls in flight at once (this / baseline)',
      value: `${slow.fs.maxInFlight} / ${slowOld?.fs.maxInFlight ?? 'n/a'}`,
    },
    {
      figure: '  failed reads (this / baseline)',
      value: `${fast.fs.failedReads} / ${fastOld?.fs.failedReads ?? 'n/a'}`,
      target: '0',
      met: fast.fs.failedReads === 0,
    },
    { figure: '  stats (this / baseline)', value: `${fast.fs.calls.stat} / ${fastOld?.fs.calls.stat ?? 'n/a'}` },
    {
      figure: '  reads (this / baseline)',
      value: `${fast.fs.calls.readFile} / ${fastOld?.fs.calls.readFile ?? 'n/a'}`,
    },
    {
      figure: '  files read, then left out for the budget (this / baseline)',
      value: `${readAndDropped(fast)} / ${fastOld ? readAndDropped(fastOld) : 'n/a'}`,
    },
    {
      figure: '  files included (this / baseline)',
      value: `${fast.context.files.length} / ${fastOld?.context.files.length ?? 'n/a'}`,
    },
  );

  const uncapped = { budgetTokens: 1e9, maxFiles: Infinity };
  const tenK = workspaceFiles(20_000); // 10k files outside node_modules
  const [all, allOld] = (await sideBySide(builds, tenK, 0, uncapped)) as [Run, Run | undefined];
  const perByte = readsPerByte(all);
  rows.push(
    { figure: 'uncapped 10k files: gather ms', value: all.ms.toFixed(1) },
    { figure: '  baseline gather ms', value: allOld ? allOld.ms.toFixed(1) : 'n/a' },
    { figure: '  this / baseline', value: ratio(all.ms, allOld?.ms) },
    { figure: '  reads per byte (this)', value: perByte.toFixed(6), target: '1', met: perByte === 1 },
    { figure: '  reads per byte (baseline)', value: allOld ? readsPerByte(allOld).toFixed(6) : 'n/a' },
    {
      figure: '  files read more than once (this / baseline)',
      value: `${readTwice(all)} / ${allOld ? readTwice(allOld) : 'n/a'}`,
      target: '0',
      met: readTwice(all) === 0,
    },
  );

  // The walk alone: a budget too small for any file, so nothing is read (the baseline still stats every file).
  const walkOnly = async (gather: Gather): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await gather({
        fs: new MemoryWorkspaceFs(ROOT, tenK),
        workspaceRoot: ROOT,
        target: { kind: 'paths', paths: ['.'] },
        budgetTokens: 1,
        maxFiles: Infinity,
      }).catch(() => undefined);
      times.push(((performance.now() - t0) * 1000) / 10_000);
    }
    return median(times);
  };
  const walkOld = baseline ? await walkOnly(baseline.gatherContext) : undefined;
  const walk = await walkOnly(now);
  rows.push({
    figure: 'uncapped walk of 10k files, nothing fits: µs per file (this / baseline)',
    value: `${walk.toFixed(1)} / ${walkOld?.toFixed(1) ?? 'n/a'}`,
  });

  for (const depth of [300, 1500]) {
    const deep = await timedGather(now, chain(depth), 0, uncapped);
    const old =
      baseline && depth <= 300 ? await timedGather(baseline.gatherContext, chain(depth), 0, uncapped) : undefined;
    rows.push({
      figure: `${depth}-level folder chain: gather ms (this / baseline)`,
      value: `${deep.ms.toFixed(1)} / ${old ? old.ms.toFixed(1) : 'skipped'}`,
    });
  }

  const disk = diskTree(workspaceFiles(10_000));
  try {
    const onDisk = await diskGather(now, disk.root);
    const onDiskOld = baseline ? await diskGather(baseline.gatherContext, disk.root) : undefined;
    rows.push(
      { figure: 'node:fs, 10k files (5k node_modules), default budget: ms', value: onDisk.toFixed(1) },
      { figure: '  baseline ms', value: onDiskOld ? onDiskOld.toFixed(1) : 'n/a' },
      { figure: '  this / baseline', value: ratio(onDisk, onDiskOld) },
    );
  } finally {
    disk.remove();
  }

  // History: ten stored reviews, each with what this workspace left out, stored whole (before) or summarised.
  const leftOut = (fastOld ?? fast).context.excluded;
  const summary = current.summariseLeftOut(leftOut);
  const whole = await historySave({ excluded: views(leftOut) });
  const summarised = await historySave({
    excluded: views(summary.shown),
    excludedCounts: { total: summary.total, byReason: summary.byReason },
  });
  rows.push(
    {
      figure: `history save, 10 reviews, ${leftOut.length} left out each: ms`,
      value: summarised.ms.toFixed(2),
      target: '< 5',
      met: summarised.ms < 5,
    },
    { figure: '  storing the whole list: ms', value: whole.ms.toFixed(2) },
    { figure: '  summarised / whole', value: (summarised.ms / whole.ms).toFixed(3) },
    {
      figure: '  stored history KB (summarised / whole)',
      value: `${(summarised.bytes / 1024).toFixed(0)} / ${(whole.bytes / 1024).toFixed(0)}`,
    },
  );
  return rows;
}
