// What the review panel sends while experts stream. Each update carries only the text that arrived
// since the previous one, as received (the webview turns the partial JSON into Markdown and estimates
// its tokens), so the bytes posted grow with the bytes streamed rather than with their square; updates
// from every stream are batched into at most one message per interval.
import type { LaneCostView, RunStatus, SectionUpdate } from '../../shared/protocol';
import { isTerminalStatus, UpdateBatcher, type UpdateBatcherOptions } from '../webview/updateBatcher';
import type { ReviewSnapshot, SectionState } from './reviewSnapshot';

/** At most 20 update messages a second reach the webview, however many streams run. */
const FLUSH_INTERVAL_MS = 50;

export class ReviewStream {
  private readonly batcher: UpdateBatcher;
  private readonly now: () => number;

  constructor(
    private readonly snapshot: ReviewSnapshot,
    send: (updates: SectionUpdate[]) => void,
    options: UpdateBatcherOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.batcher = new UpdateBatcher(send, { intervalMs: FLUSH_INTERVAL_MS, ...options });
  }

  setStatus(id: string, status: RunStatus, note?: string): void {
    const s = this.section(id);
    const now = this.now();
    if (status === 'streaming' && s.startedAt === undefined) s.startedAt = now;
    if (isTerminalStatus(status) && s.startedAt !== undefined) s.elapsedMs = now - s.startedAt;
    s.status = status;
    if (note !== undefined) s.note = note;
    // Elapsed time goes with status changes only: between them the webview's clock runs on its own.
    const update: SectionUpdate = { id, status };
    const elapsed = this.elapsedOf(s);
    if (elapsed !== undefined) update.elapsedMs = elapsed;
    if (note !== undefined) update.note = note;
    this.batcher.push(update);
  }

  append(id: string, chunk: string): void {
    if (!chunk) return;
    const s = this.section(id);
    s.raw += chunk;
    this.batcher.push({ id, append: chunk });
  }

  /** An expert's live cost: kept with its section, batched with its text (cost updates add no messages of their own). */
  cost(lane: LaneCostView): void {
    this.section(lane.sectionId).cost = lane;
    this.batcher.push({ id: lane.sectionId, cost: lane });
  }

  /** Starts a section over (an expert run again): empty text, no note, queued. */
  restart(id: string): void {
    const s = this.section(id);
    s.raw = '';
    s.status = 'queued';
    delete s.startedAt;
    delete s.elapsedMs;
    delete s.cost;
    s.note = '';
    this.batcher.push({ id, status: 'queued', text: '', note: '' });
  }

  /** Sends what is pending now (before findings, the outcome, or a replay). */
  flush(): void {
    this.batcher.flush();
  }

  /** Every section in full, for a webview that starts from nothing (its first load, a reopened review). */
  replayUpdates(): SectionUpdate[] {
    return this.snapshot.sections.map(({ id }) => {
      const s = this.section(id);
      const update: SectionUpdate = { id, status: s.status, text: s.raw };
      const elapsed = this.elapsedOf(s);
      if (elapsed !== undefined) update.elapsedMs = elapsed;
      if (s.note !== undefined) update.note = s.note;
      return update;
    });
  }

  dispose(): void {
    this.batcher.dispose();
  }

  private section(id: string): SectionState {
    return (this.snapshot.state[id] ??= { status: 'queued', raw: '' });
  }

  private elapsedOf(s: SectionState): number | undefined {
    return s.elapsedMs ?? (s.startedAt !== undefined ? this.now() - s.startedAt : undefined);
  }
}
