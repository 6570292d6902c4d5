// A visually hidden polite live region, so screen readers hear status changes without the
// streamed text (which would be far too chatty).
import { el } from './dom';

export interface LiveRegion {
  element: HTMLElement;
  announce(message: string): void;
}

export function createLiveRegion(doc: Document): LiveRegion {
  const element = el(doc, 'div', {
    className: 'visually-hidden',
    testId: 'live-region',
    attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' },
  });
  return {
    element,
    announce(message) {
      // Replacing the text node (rather than appending) keeps the region to one short sentence.
      element.textContent = message;
    },
  };
}
