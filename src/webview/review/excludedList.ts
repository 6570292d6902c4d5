// "What was left out and why": collapsed by default, shown only when something was left out, so
// nobody mistakes a partial review for a complete one.
import type { ExclusionView } from '../../shared/protocol';
import { el } from '../lib/dom';

export function createExcludedList(doc: Document): HTMLDetailsElement {
  return el(doc, 'details', { className: 'excluded', testId: 'excluded-list', hidden: true });
}

export function renderExcluded(target: HTMLDetailsElement, excluded: ExclusionView[]): void {
  const doc = target.ownerDocument;
  target.hidden = excluded.length === 0;
  const noun = excluded.length === 1 ? 'item' : 'items';
  const items = excluded.map((item) =>
    el(doc, 'li', { className: 'excluded-item', testId: 'excluded-item' },
      el(doc, 'code', { text: item.path }),
      el(doc, 'span', { className: 'excluded-reason', text: ` — ${item.reason}` }),
      ...(item.detail ? [el(doc, 'span', { className: 'excluded-detail', text: ` (${item.detail})` })] : []),
    ),
  );
  target.replaceChildren(
    el(doc, 'summary', { text: `${excluded.length} ${noun} left out of the review` }),
    el(doc, 'ul', { className: 'excluded-items' }, ...items),
  );
}
