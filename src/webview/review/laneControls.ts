// A Stop button in each running expert's section header: stops that expert alone (its partial answer
// stays), the others go on; a Retry button on a failed or stopped one runs it again over the cached
// code. Kept apart from the section view so the lane layout can change freely; `sync()` after each
// update adds missing buttons and shows each only when it applies.
import { SYNTHESIS_SECTION, VERIFICATION_SECTION, type ReviewWebviewMessage } from '../../shared/protocol';
import { button } from '../lib/dom';

const STOPPABLE = new Set(['queued', 'waiting', 'streaming']);
const RETRYABLE = new Set(['failed', 'cancelled']);

export class LaneControls {
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly retries = new Map<string, HTMLButtonElement>();

  constructor(
    private readonly doc: Document,
    private readonly root: HTMLElement,
    private readonly post: (message: ReviewWebviewMessage) => void,
  ) {}

  sync(): void {
    for (const section of this.root.querySelectorAll<HTMLElement>('[data-section-id]')) {
      const id = section.dataset['sectionId'];
      // A judge's lane, in any context group (`synthesis@2`), has no Stop or Retry of its own.
      const base = id?.replace(/@\d+$/, '');
      if (!id || base === SYNTHESIS_SECTION || base === VERIFICATION_SECTION) continue;
      let stop = this.buttons.get(id);
      if (!stop || !stop.isConnected) {
        stop = button(this.doc, {
          label: 'Stop',
          testId: `lane-stop-${id}`,
          className: 'button lane-stop',
          ariaLabel: `Stop ${section.querySelector('.section-title')?.textContent ?? id}`,
          onClick: () => {
            stop!.disabled = true;
            this.post({ type: 'stopExpert', sectionId: id });
          },
        });
        this.buttons.set(id, stop);
        (section.querySelector('header') ?? section).append(stop);
      }
      let retry = this.retries.get(id);
      if (!retry || !retry.isConnected) {
        retry = button(this.doc, {
          label: 'Retry',
          testId: `lane-retry-${id}`,
          className: 'button lane-retry',
          ariaLabel: `Retry ${section.querySelector('.section-title')?.textContent ?? id}`,
          onClick: () => this.post({ type: 'retryExpert', sectionId: id }),
        });
        this.retries.set(id, retry);
        (section.querySelector('header') ?? section).append(retry);
      }
      const status = section.dataset['status'] ?? '';
      stop.hidden = !STOPPABLE.has(status);
      if (!stop.hidden) stop.disabled = false;
      retry.hidden = !RETRYABLE.has(status);
    }
  }
}
