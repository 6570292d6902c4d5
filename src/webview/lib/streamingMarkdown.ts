// Markdown that grows while a model streams. Chunks arrive far more often than the screen refreshes,
// and each render re-parses and re-sanitises the whole text, so rendering waits for the next frame
// and happens once however many chunks arrived meanwhile. Long answers make each render slower, so
// renders are also spaced out to keep them to a fraction of the time (the page stays responsive
// with several long streams at once).
import type { FrameScheduler } from './frames';
import type { MarkdownRenderer } from './markdown';

/** After a render that took t ms, wait at least RENDER_SPACING × t before the next one (≤ 25 % busy). */
const RENDER_SPACING = 3;

export interface StreamingMarkdownOptions {
  /** E.g. to keep a chat scrolled to its newest line. */
  onRendered?: () => void;
  now?: () => number;
  /** Turns the streamed source into Markdown at render time (e.g. partial JSON into findings). */
  toMarkdown?: (source: string) => string;
}

export class StreamingMarkdown {
  private source = '';
  private frame: number | undefined;
  private renderedSource: string | undefined;
  private earliestNextRender = -Infinity;
  private readonly onRendered: () => void;
  private readonly now: () => number;
  private readonly toMarkdown: (source: string) => string;

  constructor(
    private readonly target: Element,
    private readonly renderer: MarkdownRenderer,
    private readonly frames: FrameScheduler,
    options: StreamingMarkdownOptions = {},
  ) {
    this.onRendered = options.onRendered ?? (() => {});
    this.now = options.now ?? (() => performance.now());
    this.toMarkdown = options.toMarkdown ?? ((source) => source);
  }

  get text(): string {
    return this.source;
  }

  append(chunk: string): void {
    if (!chunk) return;
    this.source += chunk;
    this.scheduleRender();
  }

  replace(text: string): void {
    this.source = text;
    this.scheduleRender();
  }

  /** Renders pending text immediately (e.g. when a stream ends or on restore). */
  renderNow(): void {
    this.cancelFrame();
    if (this.renderedSource === this.source) return;
    const started = this.now();
    this.renderer.renderInto(this.target, this.toMarkdown(this.source));
    this.renderedSource = this.source;
    const finished = this.now();
    this.earliestNextRender = finished + (finished - started) * RENDER_SPACING;
    this.onRendered();
  }

  dispose(): void {
    this.cancelFrame();
  }

  private scheduleRender(): void {
    if (this.frame !== undefined) return;
    this.frame = this.frames.request(() => {
      this.frame = undefined;
      // Too soon after a slow render: look again next frame (cheap) rather than render now.
      if (this.now() < this.earliestNextRender) this.scheduleRender();
      else this.renderNow();
    });
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
  }
}
