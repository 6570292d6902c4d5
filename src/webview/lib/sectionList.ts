// The set of streamed sections in a panel, keyed by id. Sections the host never announced are
// created on their first update rather than dropped, so no output is ever lost.
import type { SectionInfo, SectionUpdate } from '../../shared/protocol';
import { newSectionState, type SectionState } from './sectionState';
import { SectionView, type SectionViewDeps } from './sectionView';

export interface SectionListOptions extends SectionViewDeps {
  /** Where a section's element goes (e.g. the synthesis below the experts). */
  containerFor: (id: string) => HTMLElement;
  /** Title for a section that appears without being announced. */
  fallbackTitle?: (id: string) => string;
  /** Per-section differences (e.g. the synthesis shows only its summary; experts are compact lanes). */
  sectionOptions?: (id: string) => Pick<SectionViewDeps, 'toMarkdown' | 'collapsible'>;
}

export class SectionList {
  private readonly views = new Map<string, SectionView>();

  constructor(private readonly options: SectionListOptions) {}

  reset(sections: (SectionState | SectionInfo)[]): void {
    for (const view of this.views.values()) view.dispose();
    this.views.clear();
    for (const section of sections) this.add('status' in section ? section : newSectionState(section));
  }

  apply(update: SectionUpdate): void {
    const view =
      this.views.get(update.id) ??
      this.add(newSectionState({ id: update.id, title: this.options.fallbackTitle?.(update.id) ?? update.id }));
    view.apply(update);
  }

  get anyRunning(): boolean {
    for (const view of this.views.values()) if (view.running) return true;
    return false;
  }

  tick(): void {
    for (const view of this.views.values()) if (view.running) view.tick();
  }

  snapshot(): SectionState[] {
    return [...this.views.values()].map((view) => view.snapshot);
  }

  private add(state: SectionState): SectionView {
    const view = new SectionView(state, { ...this.options, ...this.options.sectionOptions?.(state.id) });
    this.views.set(state.id, view);
    this.options.containerFor(state.id).append(view.element);
    return view;
  }
}
