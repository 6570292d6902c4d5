import assert from 'node:assert/strict';
import type {
  LaneCostView,
  ReviewHostMessage,
  ReviewWebviewMessage,
  SectionUpdate,
} from '../../../src/shared/protocol';
import { ReviewStream } from '../../../src/extension/review/reviewStream';
import type { ReviewSnapshot } from '../../../src/extension/review/reviewSnapshot';
import { mountReview } from '../../../src/webview/review/reviewApp';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import { byTestId, createPage, FakeVsCodeApi, ManualFrames } from '../webview/helpers';

/** Timers that fire only when the test moves the clock. */
class ManualClock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  now = () => this.time;
  setTimer = (callback: () => void, ms: number) => {
    this.timers.set(this.nextId, { at: this.time + ms, callback });
    return this.nextId++;
  };
  clearTimer = (handle: unknown) => void this.timers.delete(handle as number);
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}

const sections = Array.from({ length: 10 }, (_, i) => ({ id: `expert${i}`, title: `Expert ${i}` }));

const snapshot = (): ReviewSnapshot => ({
  reviewId: 'r1',
  title: 'Review',
  rootUri: 'file:///w',
  targets: [],
  reviewedFiles: [],
  sections,
  excluded: [],
  simulated: true,
  startedAt: '2025-01-01T00:00:00.000Z',
  state: {},
  findings: [],
  dropped: 0,
});

/** A structured-output answer of about `chars` characters. */
function answer(chars: number): string {
  const findings: object[] = [];
  const text = () => JSON.stringify({ summary: 'Input reaches the query unchecked.', findings });
  for (let i = 0; text().length < chars; i++) {
    findings.push({
      file: `src/h${i}.ts`,
      startLine: i + 1,
      endLine: i + 2,
      severity: 'high',
      title: `Unvalidated "id" (${i})`,
      explanation: 'Use a parameterised query:\n\n```ts\ndb.query(sql, [id]);\n```',
      experts: ['security'],
    });
  }
  return text();
}

/** Ten experts streaming `full` in 16-character chunks, 300 tokens a second each, on a manual clock. */
function streamAll(full: string) {
  const clock = new ManualClock();
  const messages: ReviewHostMessage[] = [];
  const state = snapshot();
  const stream = new ReviewStream(state, (updates) => messages.push({ type: 'review/update', updates }), clock);
  let streamed = 0;
  for (const s of sections) stream.setStatus(s.id, 'streaming');
  for (let offset = 0; offset < full.length; offset += 16) {
    for (const s of sections) {
      const chunk = full.slice(offset, offset + 16);
      stream.append(s.id, chunk);
      streamed += Buffer.byteLength(chunk);
    }
    clock.advance(1000 / (300 / 4));
  }
  for (const s of sections) stream.setStatus(s.id, 'done');
  stream.flush();
  const posted = messages.reduce((sum, m) => sum + Buffer.byteLength(JSON.stringify(m)), 0);
  return { messages, posted, streamed, seconds: clock.time / 1000, state };
}

describe('review panel: what streaming posts to the webview', () => {
  it('posts at most twice the streamed bytes, however long the answers (no whole-text resends)', () => {
    for (const chars of [3_200, 16_000]) {
      const { posted, streamed } = streamAll(answer(chars));
      assert.ok(posted <= 2 * streamed, `${chars}-character answers: posted ${posted} bytes for ${streamed} streamed`);
    }
  });

  it('sends no more than 20 messages a second for ten streams', () => {
    const { messages, seconds } = streamAll(answer(16_000));
    assert.ok(messages.length / seconds <= 20, `${messages.length} messages in ${seconds} s`);
  });

  it('keeps the raw answer in the snapshot and replays it whole', () => {
    const full = answer(3_000);
    const { state } = streamAll(full);
    const replay = new ReviewStream(state, () => undefined).replayUpdates();
    assert.equal(replay.length, sections.length);
    assert.deepEqual(replay[0], { id: 'expert0', status: 'done', text: full, elapsedMs: replay[0]!.elapsedMs });
  });

  it('the webview rebuilds each answer from the deltas and renders its findings', () => {
    const full = answer(3_000);
    const { messages } = streamAll(full);
    const page = createPage();
    const frames = new ManualFrames();
    const panel = mountReview(page.root, {
      win: page.win,
      api: new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>(),
      frames,
      now: () => 0,
    });
    try {
      panel.handle({
        type: 'review/init',
        reviewId: 'r1',
        title: 'Review',
        targets: [],
        sections,
        excluded: [],
        simulated: true,
        startedAt: '2025-01-01T00:00:00.000Z',
      });
      for (const m of messages) panel.handle(m);
      frames.runFrame();
      const text = byTestId(page.root, 'section-text-expert9');
      assert.match(text.textContent!, /^Input reaches the query unchecked\./);
      assert.match(text.querySelector('h4')!.textContent!, /HIGH src\/h0\.ts L1–2 — Unvalidated "id" \(0\)/);
      assert.equal(text.querySelector('pre code')?.textContent, 'db.query(sql, [id]);\n');
      assert.equal(
        byTestId(page.root, 'section-tokens-expert9').textContent,
        `${Math.ceil(full.length / 4).toLocaleString('en-US')} tokens`,
      );
    } finally {
      panel.dispose();
    }
  });

  it('batches live cost with the text: ten experts reporting cost every few tokens add no messages', () => {
    const clock = new ManualClock();
    const messages: ReviewHostMessage[] = [];
    const stream = new ReviewStream(snapshot(), (updates) => messages.push({ type: 'review/update', updates }), clock);
    const lane = (id: string, out: number): LaneCostView => ({
      sectionId: id,
      tokens: { input: 2000, output: out, cacheWrite: 0, cacheRead: 2000 },
      cost: '$0.0010',
      cache: 'read',
      final: false,
      total: '$0.0100',
    });
    // One second of ten experts at 300 tokens/s, each reporting its cost every 24 tokens (12.5 a second).
    for (let t = 0; t < 1000; t += 80) {
      for (const s of sections) {
        stream.append(s.id, 'x'.repeat(96));
        stream.cost(lane(s.id, t));
      }
      clock.advance(80);
    }
    stream.flush();
    assert.ok(messages.length <= 21, `${messages.length} messages in one second`);
    const costs = messages.flatMap((m) => (m.type === 'review/update' ? m.updates : [])).filter((u) => u.cost);
    assert.ok(costs.length > 0);
    const last = costs.filter((u) => u.id === 'expert9').at(-1);
    assert.equal(last?.cost?.tokens.output, 960, 'the latest cost of a batch wins');
    // The webview shows it in the lane.
    const page = createPage();
    const panel = mountReview(page.root, {
      win: page.win,
      api: new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>(),
      frames: new ManualFrames(),
      now: () => 0,
    });
    try {
      panel.handle({
        type: 'review/init',
        reviewId: 'r1',
        title: 'Review',
        targets: [],
        sections,
        excluded: [],
        simulated: true,
        startedAt: '2025-01-01T00:00:00.000Z',
      });
      for (const m of messages) panel.handle(m);
      assert.match(byTestId(page.root, 'lane-cost-expert9').textContent ?? '', /960/);
    } finally {
      panel.dispose();
    }
  });

  it("sends appended text only, never a section's whole text, while streaming", () => {
    const { messages } = streamAll(answer(3_000));
    const updates = messages.flatMap((m) => (m.type === 'review/update' ? m.updates : [])) as SectionUpdate[];
    assert.ok(updates.some((u) => u.append));
    assert.ok(updates.every((u) => u.text === undefined));
  });
});
