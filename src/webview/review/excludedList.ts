// "What was left out and why": collapsed by default, shown only when something was left out, so
// nobody mistakes a partial review for a complete one. A long list arrives as counts plus the first
// items; the full list is in the extension's log.
import type { ExclusionCountsView, ExclusionView } from '../../shared/protocol';
import { el } from '../lib/dom';

export function createExcludedList(doc: Document): HTMLDetailsElement {
  return el(doc, 'details', { className: 'excluded', testId: 'excluded-list', hidden: true });
}

export function renderExcluded(
  target: HTMLDetailsElement,
  excluded: ExclusionView[],
  counts?: ExclusionCountsView,
): void {
  const doc = target.ownerDocument;
  const total = counts?.total ?? excluded.length;
  target.hidden = total === 0;
  const noun = total === 1 ? 'item' : 'items';
  const items = excluded.map((item) =>
    el(
      doc,
      'li',
      { className: 'excluded-item', testId: 'excluded-item' },
      el(doc, 'code', { text: item.path }),
      el(doc, 'span', { className: 'excluded-reason', text: ` — ${item.reason}` }),
      ...(item.detail ? [el(doc, 'span', { className: 'excluded-detail', text: ` (${item.detail})` })] : []),
    ),
  );
  const more = total - excluded.length;
  target.replaceChildren(
    el(doc, 'summary', { text: `${total} ${noun} left out of the review` }),
    ...(counts && counts.byReason.length > 1
      ? [
          el(doc, 'p', {
            className: 'excluded-counts',
            testId: 'excluded-counts',
            text: counts.byReason.map((r) => `${r.count} ${r.reason}`).join(' · '),
          }),
        ]
      : []),
    el(doc, 'ul', { className: 'excluded-items' }, ...items),
    ...(more > 0
      ? [
          el(doc, 'p', {
            className: 'excluded-more',
            testId: 'excluded-more',
            text: `…and ${more} more. The full list is in the "Claude Multi-Agent" output (View › Output).`,
          }),
        ]
      : []),
  );
}
