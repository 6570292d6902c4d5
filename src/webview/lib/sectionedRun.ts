// What the review and delegation panels share: streamed sections, a cost line, the run's outcome, a
// ticking elapsed clock, a live region, link and copy handling, and throttled persistence of it all.
import type { CostView, SectionUpdate } from '../../shared/protocol';
import { installContentActions } from './contentActions';
import { createCostLine, renderCost } from './costLine';
import { createLiveRegion, type LiveRegion } from './liveRegion';
import type { MarkdownRenderer } from './markdown';
import type { ResolvedEnvironment } from './panelEnvironment';
import { createStateSaver } from './persist';
import type { RunOutcome } from './runStatus';
import { SectionList, type SectionListOptions } from './sectionList';
import { sectionNoteText, type SectionState } from './sectionState';
import { createTicker } from './ticker';

export interface RunState {
  sections: SectionState[];
  cost?: CostView;
  done?: RunOutcome;
}

type ContentMessage = { type: 'openLink'; href: string } | { type: 'copyText'; text: string };

export interface SectionedRunOptions<S> {
  env: ResolvedEnvironment<ContentMessage, S>;
  root: HTMLElement;
  renderer: MarkdownRenderer;
  containerFor: (id: string) => HTMLElement;
  fallbackTitle: (id: string) => string;
  /** Shows the outcome in the panel's header; returns the sentence to announce. */
  showOutcome: (outcome: RunOutcome) => string;
  /** Turns a section's streamed text into Markdown when it is rendered (default: it is Markdown). */
  toMarkdown?: (text: string) => string;
  /** Output tokens to show when the host sends no count (an estimate from the text). */
  tokensOf?: (text: string) => number;
  sectionOptions?: SectionListOptions['sectionOptions'];
}

export class SectionedRun<S extends RunState> {
  readonly live: LiveRegion;
  readonly cost: HTMLElement;
  private readonly sections: SectionList;
  private readonly ticker;
  private readonly saver;
  private readonly removeContentActions: () => void;
  private current: S | undefined;

  constructor(private readonly options: SectionedRunOptions<S>) {
    const { env, root, renderer } = options;
    this.live = createLiveRegion(env.doc);
    this.cost = createCostLine(env.doc);
    this.sections = new SectionList({
      ...env,
      renderer,
      containerFor: options.containerFor,
      fallbackTitle: options.fallbackTitle,
      ...(options.toMarkdown && { toMarkdown: options.toMarkdown }),
      ...(options.tokensOf && { tokensOf: options.tokensOf }),
      ...(options.sectionOptions && { sectionOptions: options.sectionOptions }),
      onStatusChange: (section) =>
        this.live.announce(`${section.title}: ${sectionNoteText(section) || section.status}`),
    });
    this.ticker = createTicker(env.win, () => this.sections.tick());
    this.saver = createStateSaver(env.win, () => {
      if (this.current) env.api.setState({ ...this.current, sections: this.sections.snapshot() });
    });
    this.removeContentActions = installContentActions(root, {
      openLink: (href) => env.api.postMessage({ type: 'openLink', href }),
      copyText: (text) => env.api.postMessage({ type: 'copyText', text }),
    });
  }

  /** The state being shown (undefined until the host's init or a restore). */
  get state(): S | undefined {
    return this.current;
  }

  /** Shows a whole state: the host's init, or what was saved before the panel was hidden. */
  show(next: S): void {
    this.current = next;
    this.sections.reset(next.sections);
    if (next.cost) renderCost(this.cost, next.cost);
    else this.cost.hidden = true;
    if (next.done) this.options.showOutcome(next.done);
    this.ticker.setActive(!next.done && this.sections.anyRunning);
  }

  update(updates: SectionUpdate[]): void {
    if (!this.current) return;
    for (const update of updates) this.sections.apply(update);
    this.ticker.setActive(!this.current.done && this.sections.anyRunning);
    this.saver.schedule();
  }

  setCost(cost: CostView): void {
    if (!this.current) return;
    this.current.cost = cost;
    renderCost(this.cost, cost);
    this.saver.schedule();
  }

  finish(status: RunOutcome['status'], message?: string): void {
    if (!this.current) return;
    this.current.done = message !== undefined ? { status, message } : { status };
    this.live.announce(this.options.showOutcome(this.current.done));
    this.ticker.setActive(false);
    this.saver.saveNow();
  }

  saveSoon(): void {
    this.saver.schedule();
  }

  saveNow(): void {
    this.saver.saveNow();
  }

  dispose(): void {
    this.ticker.dispose();
    this.saver.dispose();
    this.removeContentActions();
  }
}
