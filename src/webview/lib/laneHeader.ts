// The one place a section's header (a "lane": an expert, a subtask, the synthesis) is built: title,
// status pill, then its figures (time, tokens, and whatever else a panel adds, e.g. cost or controls).
// Everything a lane shows about its run goes here, so the header stays one line in one place.
import { el } from './dom';

export interface LaneHeaderParts {
  titleId: string;
  title: string;
  statusPill: HTMLElement;
  /** Figures shown after the status, in order (elapsed time, output tokens, …). */
  meta: HTMLElement[];
  /** Controls at the end of the line (empty today). */
  actions?: HTMLElement[];
}

export function renderLaneHeader(doc: Document, parts: LaneHeaderParts): HTMLElement {
  return el(
    doc,
    'header',
    { className: 'section-header' },
    el(doc, 'h3', { className: 'section-title', text: parts.title, attrs: { id: parts.titleId } }),
    parts.statusPill,
    el(doc, 'span', { className: 'section-meta' }, ...parts.meta),
    ...(parts.actions?.length ? [el(doc, 'span', { className: 'section-actions' }, ...parts.actions)] : []),
  );
}
