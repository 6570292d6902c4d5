// A Stop button in each running expert's section header: stops that expert alone (its partial answer
// stays), the others go on. Kept apart from the section view so the lane layout can change freely;
// `sync()` after each update adds missing buttons and shows each only while its expert can be stopped.
import { SYNTHESIS_SECTION, type ReviewWebviewMessage } from '../../shared/protocol';
import { button } from '../lib/dom';

const STOPPABLE = new Set(['queued', 'waiting', 'streaming']);

export class LaneControls {
  private readonly buttons = new Map<string, HTMLButtonElement>();

  constructor(
    private readonly doc: Document,
    private readonly root: HTMLElement,
    private readonly post: (message: ReviewWebviewMessage) => void,
  ) {}

  sync(): void {
    for (const section of this.root.querySelectorAll<HTMLElement>('[data-section-id]')) {
      const id = section.dataset['sectionId'];
      if (!id || id === SYNTHESIS_SECTION) continue;
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
      stop.hidden = !STOPPABLE.has(section.dataset['status'] ?? '');
    }
  }
}
