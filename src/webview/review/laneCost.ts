// Live tokens, cost and cache status in each expert's section header, and the run's running total
// with what caching saved while it runs. Fed by `review/laneCost`; kept apart from the section view (see
// laneControls). Once the review has finished its cost line is the one summary: the running total goes.
import type { LaneCostView } from '../../shared/protocol';
import { el } from '../lib/dom';
import { formatCount } from '../lib/format';

const CACHE_TEXT = { written: 'cache written', read: 'cache read', missed: 'not cached' } as const;

/** What a lane says of its cache: a prompt below the model's minimum was never going to be cached. */
export function cacheText(lane: Pick<LaneCostView, 'cache' | 'cacheMinimum'>): string {
  if (!lane.cache) return '';
  if (lane.cache === 'missed' && lane.cacheMinimum !== undefined)
    return `not cached (below the ${formatCount(lane.cacheMinimum)}-token minimum)`;
  return CACHE_TEXT[lane.cache];
}

export class LaneCost {
  /** "Running total $0.0123 · caching saved $0.0040": goes below the sections. */
  readonly total: HTMLElement;
  private readonly spans = new Map<string, HTMLElement>();
  private finished = false;

  constructor(
    private readonly doc: Document,
    private readonly root: HTMLElement,
  ) {
    this.total = el(doc, 'p', {
      className: 'run-total',
      testId: 'run-total',
      hidden: true,
      attrs: { 'aria-live': 'off' },
    });
  }

  show(lane: LaneCostView): void {
    const span = this.spanFor(lane.sectionId);
    if (span) {
      const t = lane.tokens;
      const input = t.input + t.cacheWrite + t.cacheRead;
      span.textContent = `${formatCount(input)} in · ${lane.final ? '' : '~'}${formatCount(t.output)} out · ${lane.cost}${lane.cache ? ` · ${cacheText(lane)}` : ''}`;
      span.dataset['cache'] = lane.cache ?? '';
    }
    this.total.hidden = this.finished;
    this.total.textContent = `Running total ${lane.total}${lane.saved ? ` · caching saved ${lane.saved}` : ''}`;
  }

  /** The review finished: its cost line says what it cost, once. */
  finish(): void {
    this.finished = true;
    this.total.hidden = true;
  }

  /** A new run (the host's init): nothing has cost anything yet. */
  reset(): void {
    this.finished = false;
    this.total.hidden = true;
    this.total.textContent = '';
    for (const span of this.spans.values()) span.remove();
    this.spans.clear();
  }

  /** One lane starts over (an expert retried): its last run's figures go. */
  clear(id: string): void {
    this.spans.get(id)?.remove();
    this.spans.delete(id);
  }

  private spanFor(id: string): HTMLElement | undefined {
    const existing = this.spans.get(id);
    if (existing?.isConnected) return existing;
    const section = [...this.root.querySelectorAll<HTMLElement>('[data-section-id]')].find(
      (s) => s.dataset['sectionId'] === id,
    );
    if (!section) return undefined;
    const span = el(this.doc, 'span', { className: 'lane-cost', testId: `lane-cost-${id}` });
    (section.querySelector('header') ?? section).append(span);
    this.spans.set(id, span);
    return span;
  }
}
