// One streamed section (an expert, a subtask, the synthesis or integration step): title, status pill,
// ticking elapsed time, output tokens, a note line, and the Markdown streamed so far. Partial text
// always stays when a section fails or is cancelled.
import type { SectionUpdate } from '../../shared/protocol';
import { el, uniqueDomId } from './dom';
import { ElapsedClock } from './elapsedClock';
import { renderLaneHeader } from './laneHeader';
import { formatElapsed, formatTokens } from './format';
import type { FrameScheduler } from './frames';
import type { MarkdownRenderer } from './markdown';
import { applySectionUpdate, isFinished, isRunning, sectionNoteText, type SectionState } from './sectionState';
import { StreamingMarkdown } from './streamingMarkdown';

export interface SectionViewDeps {
  doc: Document;
  renderer: MarkdownRenderer;
  frames: FrameScheduler;
  now: () => number;
  onStatusChange?: (state: SectionState) => void;
  /** Turns a section's streamed text into Markdown when it is rendered (default: it is Markdown). */
  toMarkdown?: (text: string) => string;
  /** Output tokens to show when the host sends no count (an estimate from the text). */
  tokensOf?: (text: string) => number;
  /** The streamed text sits in a closed disclosure under the header (a compact lane). */
  collapsible?: boolean;
}

export class SectionView {
  readonly element: HTMLElement;
  private state: SectionState;
  private readonly clock = new ElapsedClock();
  private readonly markdown: StreamingMarkdown;
  private readonly statusPill: HTMLElement;
  private readonly elapsed: HTMLElement;
  private readonly tokens: HTMLElement;
  private readonly note: HTMLElement;
  private readonly textArea: HTMLElement;

  constructor(
    initial: SectionState,
    private readonly deps: SectionViewDeps,
  ) {
    const { doc } = deps;
    const id = initial.id;
    const titleId = uniqueDomId('section-title');
    this.statusPill = el(doc, 'span', { className: 'status-pill', testId: `section-status-${id}` });
    this.elapsed = el(doc, 'span', {
      className: 'section-elapsed',
      testId: `section-elapsed-${id}`,
      attrs: { title: 'Elapsed time' },
    });
    this.tokens = el(doc, 'span', {
      className: 'section-tokens',
      testId: `section-tokens-${id}`,
      attrs: { title: 'Output tokens' },
    });
    this.note = el(doc, 'p', { className: 'section-note', testId: `section-note-${id}`, hidden: true });
    this.textArea = el(doc, 'div', { className: 'markdown section-text', testId: `section-text-${id}` });
    const text = deps.collapsible
      ? el(
          doc,
          'details',
          { className: 'section-live', testId: `section-live-${id}` },
          el(doc, 'summary', { text: 'Live output' }),
          this.textArea,
        )
      : this.textArea;
    this.element = el(
      doc,
      'section',
      {
        className: `section${deps.collapsible ? ' lane' : ''}`,
        testId: `section-${id}`,
        attrs: { 'aria-labelledby': titleId, 'data-section-id': id },
      },
      renderLaneHeader(doc, {
        titleId,
        title: initial.title,
        statusPill: this.statusPill,
        meta: [this.elapsed, this.tokens],
      }),
      this.note,
      text,
    );
    this.markdown = new StreamingMarkdown(
      this.textArea,
      deps.renderer,
      deps.frames,
      deps.toMarkdown ? { now: deps.now, toMarkdown: deps.toMarkdown } : { now: deps.now },
    );
    this.state = initial;
    this.clock.update(initial.status, initial.elapsedMs, deps.now());
    this.markdown.replace(initial.text);
    this.markdown.renderNow();
    this.renderChrome();
  }

  get snapshot(): SectionState {
    return { ...this.state, text: this.markdown.text };
  }

  get running(): boolean {
    return this.clock.isRunning;
  }

  apply(update: SectionUpdate): void {
    const previousStatus = this.state.status;
    this.state = applySectionUpdate(this.state, update);
    if (update.text !== undefined) this.markdown.replace(this.state.text);
    else if (update.append) this.markdown.append(update.append);
    this.clock.update(this.state.status, update.elapsedMs, this.deps.now());
    // The final text should not wait for a frame that a hidden panel may never get.
    if (isFinished(this.state.status)) this.markdown.renderNow();
    this.renderChrome();
    if (this.state.status !== previousStatus) this.deps.onStatusChange?.(this.state);
  }

  /** Moves the elapsed time along while the section runs. */
  tick(): void {
    this.renderElapsed();
  }

  dispose(): void {
    this.markdown.dispose();
    this.element.remove();
  }

  private renderChrome(): void {
    const { status } = this.state;
    this.element.dataset['status'] = status;
    this.statusPill.dataset['status'] = status;
    this.statusPill.textContent = status;
    this.textArea.setAttribute('aria-busy', String(isRunning(status)));
    const note = sectionNoteText(this.state);
    this.note.textContent = note;
    this.note.hidden = note === '';
    this.note.classList.toggle('is-error', status === 'failed');
    const tokens =
      this.state.outputTokens ?? (this.markdown.text ? this.deps.tokensOf?.(this.markdown.text) : undefined);
    this.tokens.textContent = tokens !== undefined ? formatTokens(tokens) : '';
    this.renderElapsed();
  }

  private renderElapsed(): void {
    const ms = this.clock.read(this.deps.now());
    this.elapsed.textContent = ms !== undefined ? formatElapsed(ms) : '';
  }
}
