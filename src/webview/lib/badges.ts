import { el } from './dom';

/** Marks output that came from the simulator, not a real model, so nobody acts on it. */
export function simulatedBadge(doc: Document): HTMLElement {
  return el(doc, 'span', {
    className: 'badge badge-simulated',
    testId: 'simulated-badge',
    text: 'Simulated answers',
    attrs: { title: 'These answers come from the local simulator, not from Claude.' },
    hidden: true,
  });
}
