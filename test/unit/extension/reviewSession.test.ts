// One review session, driven by the pipeline's events as a real run sends them: the same `apply` for
// the first run and for experts run again later. What it shows goes through a recording host; its
// findings go to the workspace's open findings. Plain Node: the session imports no vscode.
import assert from 'node:assert/strict';
import { silentLogger } from '../../../src/core';
import { OpenFindings } from '../../../src/extension/review/openFindings';
import { ReviewSession, type PanelView, type SessionHost } from '../../../src/extension/review/reviewSession';
import type { FindingStates, ReviewSnapshot } from '../../../src/extension/review/reviewSnapshot';
import { ReviewSessions, type SessionPanel } from '../../../src/extension/review/reviewSessions';
import { findingsMessage } from '../../../src/extension/review/reviewSnapshot';
import type { Finding, ReviewEvent, ReviewOutcome, ReviewPlan, ReviewRecord } from '../../../src/review';
import { MemoryMemento } from '../../support/memoryMemento';

const ROOT = 'file:///w';

const finding = (id: string, startLine: number, experts = ['Security']): Finding => ({
  id,
  file: 'a.ts',
  startLine,
  endLine: startLine,
  severity: 'high',
  title: id,
  explanation: '',
  experts,
});

const plan: ReviewPlan = {
  reviewId: 'r1',
  title: 'Review: a.ts',
  root: '/w',
  targets: ['a.ts (lines 1-20)'],
  reviewedFiles: ['a.ts'],
  sections: [
    { id: 'security', title: 'Security' },
    { id: 'correctness', title: 'Correctness' },
    { id: 'synthesis', title: 'Synthesis' },
  ],
  excluded: [],
  leftOut: { total: 0, byReason: [], shown: [] },
  experts: [
    { id: 'security', name: 'Security', instructions: '', source: 'builtin' },
    { id: 'correctness', name: 'Correctness', instructions: '', source: 'builtin' },
  ],
  rules: { files: [], leftOut: [], tokens: 0 },
  estimate: { contextTokens: 100, requests: 3 },
  startedAt: '2026-01-01T00:00:00.000Z',
};

const usage = { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 0, cacheReadTokens: 0 };
const record = (findings: Finding[], extra: Partial<ReviewRecord> = {}): ReviewRecord => ({
  reviewId: 'r1',
  title: plan.title,
  root: plan.root,
  targets: plan.targets,
  reviewedFiles: plan.reviewedFiles,
  sections: plan.sections,
  leftOut: plan.leftOut,
  rules: plan.rules,
  startedAt: plan.startedAt,
  status: 'completed',
  findings,
  dropped: 0,
  suppressedByRules: [],
  usage,
  cost: { usd: 0.01, uncachedUsd: 0.01, inputUsd: 0.005 },
  ...extra,
});
const outcome = (
  experts: Array<[id: string, name: string, findings: Finding[]]>,
  synthesis: ReviewOutcome['synthesis']['status'] = 'done',
): ReviewOutcome =>
  ({
    status: 'completed',
    synthesis: { status: synthesis, text: '' },
    experts: experts.map(([id, name, findings]) => ({
      expert: { id, name },
      status: 'completed',
      result: { expertId: id, expertName: name, summary: `${name} looked`, findings, rawText: '' },
      usage,
      elapsedMs: 1,
    })),
  }) as unknown as ReviewOutcome;

/** A host that records what the session showed. */
function recordingHost() {
  const shown: string[] = [];
  const channels = new Map<string, string>();
  const saved: Array<{ id: string; now: boolean }> = [];
  type RecordedPanel = Omit<PanelView, 'snapshot'> & {
    snapshot: ReviewSnapshot;
    calls: string[];
    gathered: string[];
    closed: boolean;
  };
  let panel: RecordedPanel | undefined;
  const opened: string[] = [];
  const findings = new OpenFindings(new MemoryMemento(), { locate: (r, f) => `${r}/${f}`, saveDelayMs: 0 });
  const host: SessionHost = {
    openPanel: (snapshot: ReviewSnapshot) => {
      opened.push(snapshot.title);
      const calls: string[] = [];
      const gathered: string[] = [];
      const record =
        (name: string) =>
        (...args: unknown[]) =>
          void calls.push(
            `${name} ${args
              .filter((a) => a !== undefined)
              .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
              .join(' ')}`.trim(),
          );
      const shown: RecordedPanel = {
        snapshot,
        closed: false,
        get visible() {
          return !shown.closed;
        },
        calls,
        gathered,
        load: (next) => void (shown.snapshot = next),
        showGathering: () => void gathered.push(shown.snapshot.gathering ?? ''),
        dispose: () => void (shown.closed = true),
        setStatus: record('status'),
        append: record('text'),
        showLaneCost: (lane) => void calls.push(`cost ${lane.sectionId} ${lane.cost}`),
        restartSection: record('restart'),
        runAgain: (added) => void calls.push(`runAgain ${added.map((a) => a.id).join(',')}`),
        showFindings: record('findings'),
        showRules: record('rules'),
        showCost: record('costs'),
        showDone: record('done'),
        reveal: record('reveal'),
      };
      panel = shown;
      return shown;
    },
    gathering: (title) => ({
      update: (p) => void shown.push(`gathering ${title} ${p.filesRead}`),
      close: () => void shown.push('gathering closed'),
    }),
    progress: (title, experts) => {
      shown.push(`progress ${title} (${experts})`);
      return {
        status: (name, status, _note, isExpert) =>
          void shown.push(`progress ${name} ${status}${isExpert ? '' : ' (not an expert)'}`),
        close: () => void shown.push(`progress closed ${title}`),
      };
    },
    channel: (name) => ({
      append: (t) => void channels.set(name, (channels.get(name) ?? '') + t),
      appendLine: (t) => void channels.set(name, `${channels.get(name) ?? ''}${t}\n`),
    }),
    statusBar: {
      showRunning: (usd) => void shown.push(`status bar running ${usd}`),
      show: (cost) => void shown.push(`status bar ${cost.cost}`),
    },
    spentToday: () => 0,
    history: { save: (s, now = false) => Promise.resolve(void saved.push({ id: s.reviewId, now })) },
    findings,
    notices: { capReached: (m) => void shown.push(`cap ${m}`), expertProblems: () => undefined },
    redact: (t) => t.replace('sk-secret', '[redacted]'),
    logger: silentLogger,
    simulated: true,
  };
  return { host, shown, channels, saved, findings, opened, panel: () => panel! };
}

const live = { usage, usd: 0.002, final: false } as Extract<ReviewEvent, { type: 'cost' }>['live'];

describe('extension: a review session applies the pipeline’s events', () => {
  it('the first run: gathering, then panel, progress and channels, then findings into the open findings', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    const abort = new AbortController();
    const controls = session.begin(abort);
    assert.equal(session.running, true);
    session.apply({ type: 'gathering', progress: { filesFound: 3, filesRead: 1 } });
    session.apply({ type: 'planned', plan });
    assert.equal(session.reviewId, 'r1');
    assert.deepEqual(h.shown.slice(0, 3), [
      'gathering Preparing review of a.ts 1',
      'gathering closed',
      'progress Multi-expert review of a.ts (2)',
    ]);

    controls.signalsFor(['security', 'correctness']);
    session.apply({ type: 'status', sectionId: 'security', status: 'streaming' });
    session.apply({ type: 'text', sectionId: 'security', text: '{"summary"' });
    session.apply({ type: 'cost', sectionId: 'security', live, total: { usd: 0.002, savedUsd: 0 } });
    assert.equal(session.stopExpert('security'), true, 'one expert stops alone');
    session.apply({ type: 'status', sectionId: 'security', status: 'cancelled', note: 'Stopped. key sk-secret' });
    session.apply({ type: 'status', sectionId: 'correctness', status: 'done' });
    session.apply({ type: 'status', sectionId: 'synthesis', status: 'streaming' });
    session.apply({
      type: 'finished',
      record: record([finding('loop', 9, ['Correctness'])]),
      outcome: outcome([['correctness', 'Correctness', [finding('loop', 9, ['Correctness'])]]]),
    });
    session.end();

    assert.deepEqual(h.panel().calls.slice(0, 4), [
      'status security streaming',
      'text security {"summary"',
      'cost security $0.0020',
      'status security cancelled Stopped. key [redacted]',
    ]);
    assert.deepEqual(h.panel().calls.slice(-4), ['findings', 'rules', 'costs', 'done']);
    assert.ok(h.shown.includes('progress Security cancelled'), 'an expert ending counts in the progress');
    assert.ok(h.shown.includes('progress Synthesis streaming (not an expert)'));
    assert.match(
      h.channels.get('Security')!,
      /── Review: a\.ts · .* ──\n\{"summary"\n\[cancelled: Stopped\. key \[redacted\]\]/,
    );
    assert.match(h.channels.get('Correctness')!, /1 finding\(s\): Correctness looked\n {2}HIGH a\.ts:9 loop/);
    assert.deepEqual(
      h.findings.shown(`${ROOT}/a.ts`).map((i) => i.finding.id),
      ['loop'],
      'findings go to the model, which the views show',
    );
    assert.equal(session.snapshot?.done?.status, 'completed');
    assert.deepEqual(h.saved.at(-1), { id: 'r1', now: true }, 'history is written at the end');
    assert.equal(session.running, false);
  });

  it('the progress counts every expert lane (extra passes, other context groups), not the judges', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    const grouped: ReviewPlan = {
      ...plan,
      sections: [
        { id: 'correctness', title: 'Correctness (group 1 of 2)' },
        { id: 'correctness-pass2', title: 'Correctness (pass 2 of 2) (group 1 of 2)' },
        { id: 'synthesis', title: 'Synthesis (group 1 of 2)' },
        { id: 'verification', title: 'Verification (group 1 of 2)' },
        { id: 'correctness@2', title: 'Correctness (group 2 of 2)' },
        { id: 'correctness-pass2@2', title: 'Correctness (pass 2 of 2) (group 2 of 2)' },
        { id: 'synthesis@2', title: 'Synthesis (group 2 of 2)' },
        { id: 'verification@2', title: 'Verification (group 2 of 2)' },
      ],
      experts: [plan.experts[1]!],
    };
    session.apply({ type: 'planned', plan: grouped });
    assert.ok(h.shown.includes('progress Multi-expert review of a.ts (4)'), h.shown.join('\n'));
    session.apply({ type: 'status', sectionId: 'correctness@2', status: 'streaming' });
    session.apply({ type: 'status', sectionId: 'correctness-pass2@2', status: 'done' });
    session.apply({ type: 'status', sectionId: 'synthesis@2', status: 'streaming' });
    assert.ok(
      h.shown.includes('progress Correctness (group 2 of 2) streaming'),
      'a second group is an expert at work, not the synthesis',
    );
    assert.ok(h.shown.includes('progress Correctness (pass 2 of 2) (group 2 of 2) done'));
    assert.ok(h.shown.includes('progress Synthesis (group 2 of 2) streaming (not an expert)'));
  });

  it('Stop on a pass or group lane stops its expert (every lane shares its signal); a judge lane is not an expert', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    const controls = session.begin(new AbortController());
    session.apply({ type: 'planned', plan });
    const signals = controls.signalsFor(['security', 'correctness']);
    assert.equal(session.stopExpert('synthesis@2'), false);
    assert.equal(session.stopExpert('correctness-pass2@2'), true);
    assert.equal(signals.get('correctness')!.aborted, true);
    assert.equal(signals.get('security')!.aborted, false);
  });

  it('a later run of more experts goes through the same apply: lanes restart, findings merge, nothing is lost', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    session.apply({ type: 'planned', plan });
    session.apply({
      type: 'finished',
      record: record([finding('loop', 9, ['Correctness'])]),
      outcome: outcome([['correctness', 'Correctness', [finding('loop', 9, ['Correctness'])]]]),
    });
    session.end();

    session.begin(new AbortController());
    session.apply({ type: 'moreExperts', sections: [{ id: 'security', title: 'Security' }], added: [] });
    session.apply({ type: 'status', sectionId: 'security', status: 'done' });
    session.apply({
      type: 'finished',
      record: record([finding('sql', 3), finding('loop', 9, ['Correctness'])], { open: ['loop', 'sql'], gone: [] }),
      outcome: outcome([
        ['correctness', 'Correctness', [finding('loop', 9, ['Correctness'])]],
        ['security', 'Security', [finding('sql', 3)]],
      ]),
    });
    session.end();

    assert.ok(h.panel().calls.includes('runAgain '), 'the panel says the review runs again');
    assert.ok(h.panel().calls.includes('restart security'));
    assert.ok(h.shown.includes('progress Security on Review: a.ts (1)'));
    assert.deepEqual(
      h.findings.shown(`${ROOT}/a.ts`).map((i) => i.finding.id),
      ['sql', 'loop'],
    );
    assert.deepEqual(session.snapshot?.reReview, { open: ['loop', 'sql'], gone: [] });
    assert.equal(
      (h.channels.get('Correctness')!.match(/finding\(s\)/g) ?? []).length,
      1,
      'only this run’s experts are summarised again',
    );
  });

  it('retrying one expert of a review in three context groups names that expert, counts its three lanes and opens one channel', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    session.apply({ type: 'planned', plan });
    session.apply({ type: 'finished', record: record([]), outcome: outcome([]) });
    session.end();
    const channelsBefore = [...h.channels.keys()];

    session.begin(new AbortController());
    const lanes = [1, 2, 3].map((g) => ({
      id: g === 1 ? 'security' : `security@${g}`,
      title: `Security (group ${g} of 3)`,
    }));
    session.apply({ type: 'moreExperts', sections: lanes, added: [] });
    assert.ok(h.shown.includes('progress Security on Review: a.ts (3)'), h.shown.join('\n'));
    assert.deepEqual(
      [...h.channels.keys()].filter((c) => !channelsBefore.includes(c)),
      [],
      'the expert writes to its own channel, not one per group',
    );
    assert.equal((h.channels.get('Security') ?? '').match(/── Review: a\.ts · /g)?.length, 2, 'a heading for each run');
  });

  it('names the provider in the snapshot the panel shows, when requests do not go straight to the Anthropic API', () => {
    const direct = recordingHost();
    const anthropic = new ReviewSession(direct.host, ROOT, 'a.ts');
    anthropic.begin(new AbortController());
    anthropic.apply({ type: 'planned', plan });
    assert.equal(anthropic.snapshot?.provider, undefined);

    const h = recordingHost();
    const session = new ReviewSession({ ...h.host, provider: 'Google Vertex AI (global)' }, ROOT, 'a.ts');
    session.begin(new AbortController());
    session.apply({ type: 'planned', plan });
    assert.equal(session.snapshot?.provider, 'Google Vertex AI (global)');
  });

  it('a review whose every expert failed changes no open finding', () => {
    const h = recordingHost();
    h.findings.applyReview({ reviewId: 'r0', root: ROOT, reviewedFiles: ['a.ts'], findings: [finding('sql', 3)] });
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    session.apply({ type: 'planned', plan });
    session.apply({
      type: 'finished',
      record: record([], { status: 'failed', message: 'The API key was rejected.' }),
      outcome: outcome([]),
    });
    assert.deepEqual(
      h.findings.shown(`${ROOT}/a.ts`).map((i) => i.finding.id),
      ['sql'],
    );
    assert.equal(session.snapshot?.done?.status, 'failed');
  });

  it('Cancel aborts the running run only', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    const abort = new AbortController();
    session.begin(abort);
    session.cancel();
    assert.equal(abort.signal.aborted, true);
    session.end();
    session.cancel();
    assert.equal(session.stopExpert('security'), false, 'nothing runs');
  });
});

describe('extension: the open review sessions', () => {
  /** Panels as the registry creates them: which review each shows, what it was told. */
  function registry() {
    const h = recordingHost();
    const created: Array<SessionPanel & { shows: string[]; findingsShown: number; closed: boolean }> = [];
    const sessions = new ReviewSessions({
      ...h.host,
      createPanel: (snapshot, column, onDispose) => {
        const panel = {
          snapshot,
          shows: [snapshot.reviewId],
          findingsShown: 0,
          closed: false,
          // As VS Code's: a closed panel throws when asked where it is.
          get column() {
            if (panel.closed) throw new Error('Webview is disposed');
            return column;
          },
          active: false,
          findingStates: undefined as FindingStates | undefined,
          get visible() {
            return !panel.closed;
          },
          load(next: ReviewSnapshot) {
            panel.snapshot = next;
            panel.shows.push(next.reviewId);
          },
          dispose() {
            panel.closed = true;
            onDispose();
          },
          setStatus: () => undefined,
          append: () => undefined,
          showLaneCost: () => undefined,
          restartSection: () => undefined,
          runAgain: () => undefined,
          showExpertsLeft: () => undefined,
          showGathering: () => undefined,
          showFindings: () => void panel.findingsShown++,
          showRules: () => undefined,
          showCost: () => undefined,
          showDone: () => undefined,
          reveal: () => undefined,
        };
        created.push(panel);
        return panel;
      },
    });
    const review = (id: string, title = plan.title) => {
      const session = sessions.create(ROOT, title.replace(/^Review: /, ''));
      session.begin(new AbortController());
      session.apply({ type: 'planned', plan: { ...plan, reviewId: id, title } });
      return session;
    };
    return { sessions, created, review, findings: h.findings };
  }

  it('one panel per target: a new review of the same code takes over the last one’s panel, unless it still runs', () => {
    const { sessions, created, review, findings } = registry();
    const first = review('r1');
    const second = review('r2');
    assert.equal(created.length, 2, 'the first still runs: the second opens a panel of its own');
    first.end();
    second.end();
    const third = review('r3');
    assert.equal(created.length, 2, 'no new panel');
    assert.deepEqual(
      created[0]!.shows.filter((id) => !id.startsWith('gathering:')),
      ['r1', 'r3'],
      'the panel of the oldest finished review of that target',
    );
    assert.equal(first.panel, undefined, 'which no longer shows the earlier review');
    assert.equal(sessions.ofPanel(created[0]!), third);
    assert.ok(
      created.every((p) => p.findingStates === findings),
      'panels read dismissals and fixes from the open findings',
    );
    review('r4', 'Review: b.ts');
    assert.equal(created.length, 3, 'another target, another panel');
  });

  it('a panel taken over by a later review, once closed, lets that review go; the next one opens a panel', () => {
    const { sessions, created, review } = registry();
    review('r1').end();
    const second = review('r2');
    second.end();
    assert.equal(created.length, 1, 'the second review took the first one’s panel over');
    created[0]!.dispose(); // the user closes it
    assert.equal(second.panel, undefined, 'the review it showed knows it is gone');
    assert.equal(sessions.panelOf(second), undefined);
    const third = review('r3');
    assert.equal(created.length, 2, 'a new panel, next to no closed one');
    assert.equal(third.panel, created[1]);
  });

  it('a dismissal or an applied fix re-renders every open panel; closing a panel lets its review go', async () => {
    const { sessions, created, review, findings } = registry();
    const s1 = review('r1');
    s1.end();
    const s2 = review('r2', 'Review: b.ts');
    s2.end();
    await findings.dismiss(ROOT, finding('sql', 3), 'falsePositive');
    assert.deepEqual(
      created.map((p) => p.findingsShown),
      [1, 1],
    );
    findings.applyFix(`${ROOT}/a.ts`, 'loop');
    assert.deepEqual(
      created.map((p) => p.findingsShown),
      [2, 2],
    );
    created[0]!.dispose();
    sessions.settled();
    assert.equal(sessions.get('r1'), undefined, 'closed and finished: let go');
    assert.equal(sessions.get('r2'), s2);
  });
});

describe('extension: each expert’s findings show in the panel as it finishes, provisional until the synthesis judged them', () => {
  const provisionalOf = (snapshot: ReviewSnapshot | undefined) =>
    findingsMessage(snapshot!).findings.map((f) => `${f.id} ${f.provisional ?? 'judged'}`);

  function started() {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    session.apply({ type: 'planned', plan });
    session.apply({ type: 'status', sectionId: 'security', status: 'done' });
    session.apply({ type: 'expertFindings', sectionId: 'security', findings: [finding('sql', 3)] });
    return { h, session };
  }

  it('shows an expert’s findings marked provisional at once, in the panel only, and the synthesis’s replace them', () => {
    const { h, session } = started();
    assert.ok(h.panel().calls.includes('findings'), 'the panel shows them before the review finishes');
    assert.deepEqual(provisionalOf(session.snapshot), ['sql pending']);
    assert.equal(findingsMessage(session.snapshot!).findings[0]!.hasFix, false, 'no fix to apply before it is judged');
    assert.deepEqual(h.findings.uris(), [], 'Problems and threads get nothing provisional');
    session.apply({
      type: 'expertFindings',
      sectionId: 'correctness',
      findings: [finding('loop', 9, ['Correctness'])],
    });
    assert.deepEqual(provisionalOf(session.snapshot), ['sql pending', 'loop pending']);

    session.apply({
      type: 'finished',
      record: record([finding('merged', 3, ['Security', 'Correctness'])]),
      outcome: outcome([], 'done'),
    });
    session.end();
    assert.deepEqual(provisionalOf(session.snapshot), ['merged judged'], 'the judged findings replace them');
    assert.equal(session.snapshot?.provisional, undefined);
    assert.deepEqual(
      h.findings.shown(`${ROOT}/a.ts`).map((i) => i.finding.id),
      ['merged'],
    );
  });

  for (const synthesis of ['failed', 'cancelled'] as const)
    it(`a synthesis that ${synthesis === 'failed' ? 'failed' : 'was cancelled'} leaves the experts’ findings marked as not merged`, () => {
      const { session } = started();
      session.apply({
        type: 'finished',
        record: record([finding('sql', 3)]),
        outcome: outcome([['security', 'Security', [finding('sql', 3)]]], synthesis),
      });
      session.end();
      assert.deepEqual(provisionalOf(session.snapshot), ['sql unmerged']);
    });

  it('a run that ends without a record keeps the provisional findings, marked as not merged', () => {
    const { h, session } = started();
    const before = h.panel().calls.filter((c) => c === 'findings').length;
    session.end();
    assert.deepEqual(provisionalOf(session.snapshot), ['sql unmerged']);
    assert.equal(h.panel().calls.filter((c) => c === 'findings').length, before + 1, 'the panel says so');
  });

  it('experts run again on a finished review add nothing provisional: its judged findings stay shown', () => {
    const { session } = started();
    session.apply({ type: 'finished', record: record([finding('sql', 3)]), outcome: outcome([]) });
    session.end();
    session.begin(new AbortController());
    session.apply({ type: 'moreExperts', sections: [{ id: 'security', title: 'Security' }], added: [] });
    session.apply({ type: 'expertFindings', sectionId: 'security', findings: [finding('other', 5)] });
    assert.deepEqual(provisionalOf(session.snapshot), ['sql judged']);
  });
});

describe('extension: the review panel opens the moment a review is asked for', () => {
  it('shows the review gathering before its plan, then the plan in the same panel', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    assert.deepEqual(h.opened, ['Review: a.ts'], 'a panel at once, before anything is read');
    assert.equal(h.panel().snapshot.gathering, 'Gathering files…');
    session.apply({ type: 'gathering', progress: { filesFound: 3, filesRead: 1 } });
    assert.equal(h.panel().gathered.length, 1, 'it says how far gathering got');
    assert.match(h.panel().gathered[0]!, /1/);
    session.apply({ type: 'planned', plan });
    assert.deepEqual(h.opened, ['Review: a.ts'], 'the plan goes into the same panel');
    assert.equal(h.panel().snapshot, session.snapshot);
    assert.equal(session.snapshot?.gathering, undefined);
  });

  it('a review stopped before its plan (nothing to review, a refused cost) closes the panel it opened', () => {
    const h = recordingHost();
    const session = new ReviewSession(h.host, ROOT, 'a.ts');
    session.begin(new AbortController());
    session.end();
    assert.equal(h.panel().closed, true);
    assert.equal(session.panel, undefined);
  });
});
