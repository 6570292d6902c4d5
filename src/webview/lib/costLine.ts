// "Tokens in … · out … · cache write … · cache read … · Estimated … · Cost … · Saved …"
import type { CostView } from '../../shared/protocol';
import { el } from './dom';
import { formatCount } from './format';

export function createCostLine(doc: Document): HTMLElement {
  return el(doc, 'footer', {
    className: 'cost-line',
    testId: 'cost',
    hidden: true,
    attrs: { 'aria-label': 'Token usage and cost' },
  });
}

export function renderCost(target: HTMLElement, cost: CostView): void {
  const doc = target.ownerDocument;
  const part = (label: string, value: string, key: string) =>
    el(
      doc,
      'span',
      { className: 'cost-part', attrs: { 'data-cost': key } },
      el(doc, 'span', { className: 'cost-label', text: `${label} ` }),
      el(doc, 'span', { className: 'cost-value', text: value }),
    );
  const parts = [
    part('Tokens in', formatCount(cost.usage.input), 'input'),
    part('out', formatCount(cost.usage.output), 'output'),
    part('cache write', formatCount(cost.usage.cacheWrite), 'cacheWrite'),
    part('cache read', formatCount(cost.usage.cacheRead), 'cacheRead'),
    ...(cost.estimate !== undefined ? [part('Estimated', cost.estimate, 'estimate')] : []),
    part('Cost', cost.cost, 'cost'),
    ...(cost.saved !== undefined ? [part('Saved', cost.saved, 'saved')] : []),
  ];
  target.replaceChildren(
    ...parts.flatMap((p, i) =>
      i === 0
        ? [p]
        : [el(doc, 'span', { className: 'cost-separator', text: ' · ', attrs: { 'aria-hidden': 'true' } }), p],
    ),
  );
  target.hidden = false;
}
