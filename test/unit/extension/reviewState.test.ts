// The editor's review state as the user meets it across runs (issue 27's state bugs): a finding is
// fixed only when a complete review of its code no longer raises it, a stopped, failed or partial run
// resolves nothing, every view shows the same state, and open findings with their thread
// conversations survive a re-review and a window reload. Driven through the real controller, pipeline
// and SDK against the simulator (editorHarness.ts); each case failed before the review session model.
import assert from 'node:assert/strict';
import { panels, type FakePanel } from '../../bench/fakeVscode';
import type { SimRequest } from '../../support/simulator';
import { EditorWindow, standIn, type Posted } from './editorHarness';

const FILE = 'src/orders.ts';
/** What the demo responder raises in the sample's orders.ts, one line each: "line: Severity: title [experts]". */
const ALL = [
  '17: Critical: SQL query built by string concatenation [Security]',
  '24: Medium: Nested loop over the same data (quadratic) [Performance]',
  '37: Medium: Nested loop over the same data (quadratic) [Performance]',
  '56: High: Off-by-one: loop runs one past the end [Correctness]',
];
const OFF_BY_ONE = ALL[3]!;

const isExpert = (id: string) => (req: SimRequest) => JSON.stringify(req.body).includes(`expert-id=\\"${id}\\"`);

/** Waits for a state the user would wait for (no fixed sleeps): polls until `check` holds. */
async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

type FindingsMessage = {
  findings: Array<{ id: string; title: string; reviewState?: string; hiddenBecause?: string }>;
  reReview?: { new: number; open: number; fixed: number };
};
type Update = { id: string; status?: string; cost?: unknown; text?: string };

const findingsOf = (w: EditorWindow, panel: FakePanel) =>
  w.lastPosted<FindingsMessage & { type: string }>(panel, 'review/findings');
const updates = (messages: Posted): Update[] =>
  messages.flatMap((m) => (m.type === 'review/update' ? (m['updates'] as Update[]) : []));
const statusesOf = (messages: Posted, id: string) =>
  updates(messages)
    .filter((u) => u.id === id && u.status)
    .map((u) => u.status);

describe('extension: review state across runs (one model, every view)', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
  });
  afterEach(() => w.close());

  it('a run with a failed expert fixes nothing; the next complete one counts only the finding whose fix was applied', async () => {
    await w.review(FILE);
    assert.deepEqual(w.problems(FILE), ALL);
    const offByOne = findingsOf(w, w.panel())!.findings.find((f) => f.title.startsWith('Off-by-one'))!;
    assert.equal(await w.run('claudeMultiAgent.applyFix', w.uri(FILE), offByOne.id), 'applied');
    await standIn.documents.find((d) => d.uri.toString() === w.uri(FILE).toString())!.save();
    const fixedOnly = ALL.filter((p) => p !== OFF_BY_ONE);
    assert.deepEqual(w.problems(FILE), fixedOnly, 'the applied fix leaves Problems');

    // A re-review in which Security fails mid-stream: the SQL injection is not checked again.
    w.sim.enqueueFault({ kind: 'midStreamError', afterTokens: 5, match: isExpert('security') });
    await w.review(FILE);
    assert.deepEqual(findingsOf(w, w.panel())!.reReview, { new: 0, open: 2, fixed: 0 }, 'a partial run fixes nothing');
    assert.deepEqual(w.problems(FILE), fixedOnly, 'the unchecked SQL finding stays open');

    await w.review(FILE);
    assert.deepEqual(
      findingsOf(w, w.panel())!.reReview,
      { new: 0, open: 3, fixed: 1 },
      'one finding was fixed, and only that one',
    );
    assert.deepEqual(w.problems(FILE), fixedOnly);
  });

  it('stopping the Security expert leaves its finding open everywhere; a Retry finds it still open, not new', async () => {
    await w.review(FILE);
    w.sim.enqueueFault({ kind: 'slow', tokensPerSecond: 5, match: isExpert('security') });
    const second = w.review(FILE);
    const panel = w.panel();
    await until('Security to stream', () =>
      statusesOf(panel.webview.received.slice(-50), 'security').includes('streaming'),
    );
    panel.webview.fromPage({ type: 'stopExpert', sectionId: 'security' });
    await second;

    assert.deepEqual(w.problems(FILE), ALL, 'the SQL injection is still in Problems');
    assert.equal(w.threads(FILE).length, ALL.length, 'and still has its thread');
    assert.deepEqual(findingsOf(w, panel)!.reReview, { new: 0, open: 3, fixed: 0 }, 'a stopped run fixes nothing');

    const before = panel.webview.received.length;
    panel.webview.fromPage({ type: 'retryExpert', sectionId: 'security' });
    await until('the retry to finish', () =>
      panel.webview.received.slice(before).some((m) => m.type === 'review/done'),
    );
    const after = findingsOf(w, panel)!;
    const sql = after.findings.find((f) => f.title.startsWith('SQL'));
    assert.equal(sql?.reviewState, 'open', 'the retried finding was open before: not new');
    assert.deepEqual(after.reReview, { new: 0, open: 4, fixed: 0 });
    assert.deepEqual(w.problems(FILE), ALL);
  });

  it('a review refused with a revoked key (401) keeps the open findings; its lanes show nothing of the last run', async () => {
    await w.review(FILE);
    const panel = w.panel();
    w.sim.configure({ apiKey: 'sk-ant-revoked' });
    const before = panel.webview.received.length;
    await w.review(FILE);
    panel.webview.fromPage({ type: 'ready' }); // the webview rebuilt from the host's state, as after a reload of the view

    assert.deepEqual(w.problems(FILE), ALL, 'Problems keep the open findings');
    assert.equal(w.threads(FILE).length, ALL.length, 'so do the threads');
    const replay = w.sinceInit(panel);
    assert.notEqual(statusesOf(replay, 'synthesis').at(-1), 'done', 'the synthesis did not run');
    assert.notEqual(statusesOf(panel.webview.received.slice(before), 'synthesis').at(-1), 'done', 'nor while it ran');
    type Lane = { sectionId: string; tokens: Record<string, number>; cache?: string };
    const lanes = replay.filter((m) => m.type === 'review/laneCost').map((m) => m['lane'] as Lane);
    assert.deepEqual(
      lanes.filter((l) => l.cache || Object.values(l.tokens).some((n) => n > 0)),
      [],
      'no lane shows the previous run’s tokens or cache status: the refused requests cost nothing',
    );
    assert.ok(!lanes.some((l) => l.sectionId === 'synthesis'), 'nor the synthesis, which did not run');
  });

  it('queued lanes of a new run show none of the previous run’s tokens, cost or cache status', async () => {
    await w.review(FILE);
    const panel = w.panel();
    const inits = () => panel.webview.received.filter((m) => m.type === 'review/init').length;
    const before = inits();
    w.sim.configure({ timeToFirstTokenMs: 300 });
    const second = w.review(FILE);
    await until('the second run to reuse the panel', () => inits() === before + 1);
    const sinceInit = w.sinceInit(panel);
    const stale = [
      ...sinceInit.filter((m) => m.type === 'review/laneCost'),
      ...updates(sinceInit).filter((u) => u.cost),
    ];
    assert.deepEqual(stale, [], 'nothing has cost anything yet in this run');
    await second;
  });
});

describe('extension: one panel per target', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
  });
  afterEach(() => w.close());

  it('a panel a re-review took over, once closed, leaves room for the next review’s own panel', async () => {
    await w.review(FILE);
    await w.review(FILE);
    assert.equal(panels.filter((p) => !p.disposed).length, 1, 'the re-review reused the panel');
    w.panel().close(); // "View: Close All Editors"
    await w.review(FILE);
    const open = panels.filter((p) => !p.disposed);
    assert.equal(open.length, 1, 'the next review opened a panel');
    assert.ok(findingsOf(w, open[0]!)?.findings.length, 'and shows its findings');
  });
});

describe('extension: open findings and their conversations persist', function () {
  this.timeout(60_000);
  let w: EditorWindow;
  beforeEach(async () => {
    w = await EditorWindow.open();
  });
  afterEach(() => w.close());

  const sqlThread = () => w.threads(FILE).find((t) => t.label?.startsWith('Critical: SQL'));
  const commentTexts = () => sqlThread()!.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value));

  it('a question and its answer in a comment thread stay when the file is reviewed again', async () => {
    await w.review(FILE);
    const answer = await w.run('claudeMultiAgent.threadReply', {
      thread: sqlThread(),
      text: 'Is this reachable from the API?',
    });
    assert.match(String(answer), /Simulated reply/, JSON.stringify([answer, standIn.notices, [...standIn.channels]]));
    assert.equal(commentTexts().length, 3, 'the finding, the question, the answer');

    await w.review(FILE);
    const texts = commentTexts();
    assert.equal(texts.length, 3, `the conversation is still there: ${JSON.stringify(texts)}`);
    assert.equal(texts[1], 'Is this reachable from the API?');
    assert.match(texts[2]!, /Simulated reply/);
  });

  it('a review panel open at a window reload comes back with its findings, without a command', async () => {
    await w.review(FILE);
    await w.reload();
    const open = panels.filter((p) => !p.disposed);
    assert.equal(open.length, 1, 'the panel is back');
    const shown = findingsOf(w, open[0]!)
      ?.findings.filter((f) => !f.hiddenBecause)
      .map((f) => f.title);
    assert.equal(shown?.length, ALL.length, `it shows the review's findings: ${JSON.stringify(shown)}`);

    await w.run(
      'claudeMultiAgent.reopenReview',
      w.lastPosted<{ type: string; reviewId: string }>(open[0]!, 'review/init')!.reviewId,
    );
    assert.equal(panels.filter((p) => !p.disposed).length, 1, 'reopening it reveals that panel, not a second one');
  });

  it('after a window reload, Problems and the threads with their conversations are back, and the panel reopens', async () => {
    const { reviewId } = (await w.review(FILE)) as { reviewId: string };
    await w.run('claudeMultiAgent.threadReply', { thread: sqlThread(), text: 'Is this reachable from the API?' });

    await w.reload();
    assert.deepEqual(w.problems(FILE), ALL, 'Problems are back');
    assert.equal(w.threads(FILE).length, ALL.length, 'so are the threads');
    assert.equal(commentTexts().length, 3, 'with the conversation');

    await w.run('claudeMultiAgent.reopenReview', reviewId);
    const panel = w.panel();
    panel.webview.fromPage({ type: 'ready' });
    assert.equal(findingsOf(w, panel)?.findings.filter((f) => !f.hiddenBecause).length, ALL.length);
  });
});
