import { el } from './dom';

/** Names the provider that answered when it is not the Anthropic API itself (Bedrock, Vertex, a gateway). */
export function providerBadge(doc: Document): HTMLElement {
  return el(doc, 'span', { className: 'badge badge-provider', testId: 'provider-badge', hidden: true });
}

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
