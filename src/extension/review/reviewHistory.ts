import type * as vscode from 'vscode';
import { redactDeep, type Logger } from '../../core';
import { isReviewSnapshot, type ReviewSnapshot } from './reviewSnapshot';

const KEY = 'claudeMultiAgent.reviews';
const CORRUPT_KEY = 'claudeMultiAgent.reviews.corrupt';
const KEEP = 10;
/** A running review is written at most this often, so a crash loses at most this much. */
const SAVE_INTERVAL_MS = 1000;

/** The last reviews of this workspace, newest first, kept in workspace storage. */
export class ReviewHistory implements vscode.Disposable {
  private pending = new Map<string, ReviewSnapshot>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly logger: Logger,
    private readonly onCorrupt: (message: string) => void,
    /** Keys to redact from everything stored (key-shaped text is redacted regardless). */
    private readonly secrets: () => readonly string[] = () => [],
  ) {}

  list(): ReviewSnapshot[] {
    const stored = this.memento.get<unknown>(KEY, []);
    if (!Array.isArray(stored)) return this.setAside(stored, 'the review history was not a list');
    const valid = stored.filter(isReviewSnapshot);
    if (valid.length !== stored.length) {
      this.setAside(
        stored.filter((s) => !isReviewSnapshot(s)),
        `${stored.length - valid.length} stored review(s) were unreadable`,
      );
      void this.memento.update(KEY, valid);
    }
    return valid;
  }

  /** Saves soon (bounded rate) while a review streams; `now` forces the write. */
  save(snapshot: ReviewSnapshot, now = false): Promise<void> {
    this.pending.set(snapshot.reviewId, snapshot);
    if (now) return this.flush();
    this.timer ??= setTimeout(() => void this.flush(), SAVE_INTERVAL_MS);
    return Promise.resolve();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const fresh = [...this.pending.values()];
    this.pending.clear();
    const ids = new Set(fresh.map((s) => s.reviewId));
    const next = [...fresh, ...this.list().filter((s) => !ids.has(s.reviewId))]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, KEEP);
    // Notes and errors can quote a request (a bad key in a header error): nothing key-shaped is stored.
    await this.memento.update(KEY, redactDeep(JSON.parse(JSON.stringify(next)) as unknown, this.secrets()));
  }

  private setAside(bad: unknown, why: string): ReviewSnapshot[] {
    this.logger.warn(`Review history: ${why}; set aside under ${CORRUPT_KEY}.`);
    void this.memento.update(CORRUPT_KEY, bad);
    if (!Array.isArray(bad)) void this.memento.update(KEY, []);
    this.onCorrupt(
      `Some saved reviews could not be read (${why}). They were set aside; new reviews are saved as usual.`,
    );
    return [];
  }

  dispose(): void {
    void this.flush();
  }
}
