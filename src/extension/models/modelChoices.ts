// "Choose model…": the models offered, each with what it costs and what it is for. The provider's own
// list (models.list, when a key can ask) comes first, then every model of the price table it did not
// name; the current setting is marked and, if unknown to both, still offered. On Bedrock or Vertex the
// setting keeps our names and each choice shows the id it is sent as. Pure: no editor here.
import { findPrice, minCacheableTokens, type ModelInfo, type PriceTable } from '../../core';

export interface ModelChoice {
  id: string;
  label: string;
  /** The id, and whether it is the current setting. */
  description: string;
  /** Prices per million tokens and what the model family is for. */
  detail: string;
  current: boolean;
}

/** What each family is for, in a few words (the API lists names, not purposes). */
function purpose(id: string): string {
  if (/opus/i.test(id)) return 'the most thorough reviews, at the highest price';
  if (/haiku/i.test(id))
    return `the fastest and cheapest; caches code from ${minCacheableTokens(id).toLocaleString('en-US')} tokens`;
  if (/sonnet/i.test(id)) return 'balanced depth, speed and price';
  return 'a model this extension has no notes on';
}

const dollars = (n: number): string => `$${Number.isInteger(n) ? n : n.toFixed(2)}`;

function priceText(id: string, prices: PriceTable): string {
  const p = findPrice(id, prices);
  if (!p) return 'price unknown: costs show as "unknown"';
  const read = p.cacheRead ?? p.input * 0.1;
  return `${dollars(p.input)} in · ${dollars(p.output)} out · cached code ${dollars(read)} per million tokens`;
}

/** "claude-sonnet-5-5" → "Claude Sonnet 5.5", for models the API did not name. */
function nameOf(id: string): string {
  return id
    .replace(/-\d{8}$/, '')
    .split('-')
    .map((part, i, all) => (/^\d+$/.test(part) && /^\d+$/.test(all[i - 1] ?? '') ? `.${part}` : ` ${part}`))
    .join('')
    .trim()
    .replace(/(^|\s)([a-z])/g, (_, space: string, c: string) => `${space}${c.toUpperCase()}`)
    .replace(/ \./g, '.');
}

/**
 * `wireId`: the id a name is sent as on the chosen provider (a Bedrock inference profile, a Vertex
 * `model@version`), shown beside the name when it differs.
 */
function sentAs(id: string, wireId: (id: string) => string): string {
  const wire = wireId(id);
  return wire === id ? '' : ` → ${wire}`;
}

export function modelChoices(
  listed: readonly ModelInfo[],
  prices: PriceTable,
  current: string,
  wireId: (id: string) => string = (id) => id,
): ModelChoice[] {
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  const add = (m: ModelInfo) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    models.push(m);
  };
  for (const m of listed) add(m);
  for (const id of Object.keys(prices)) add({ id, displayName: nameOf(id) });
  if (current && !seen.has(current)) add({ id: current, displayName: nameOf(current) });
  return models.map((m) => ({
    id: m.id,
    label: m.displayName,
    description: `${m.id}${sentAs(m.id, wireId)}${m.id === current ? ' · current' : ''}`,
    detail: `${priceText(m.id, prices)} — ${purpose(m.id)}`,
    current: m.id === current,
  }));
}
