// Markdown that grows while a model streams. Chunks arrive far more often than the screen refreshes,
// and each render re-parses and re-sanitises the whole text, so rendering waits for the next frame
// and happens once however many chunks arrived meanwhile.
import type { FrameScheduler } from './frames';
import type { MarkdownRenderer } from './markdown';

export class StreamingMarkdown {
  private source = '';
  private frame: number | undefined;
  private renderedSource: string | undefined;

  constructor(
    private readonly target: Element,
    private readonly renderer: MarkdownRenderer,
    private readonly frames: FrameScheduler,
    /** E.g. to keep a chat scrolled to its newest line. */
    private readonly onRendered: () => void = () => {},
  ) {}

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
    this.renderer.renderInto(this.target, this.source);
    this.renderedSource = this.source;
    this.onRendered();
  }

  dispose(): void {
    this.cancelFrame();
  }

  private scheduleRender(): void {
    if (this.frame !== undefined) return;
    this.frame = this.frames.request(() => {
      this.frame = undefined;
      this.renderNow();
    });
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
  }
}
