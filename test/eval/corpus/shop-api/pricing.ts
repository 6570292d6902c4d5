/** Prices are integers in cents everywhere in this module, so sums are exact. */
export interface PriceRule {
  sku: string;
  /** Minimum quantity for the rule to apply. */
  minQuantity: number;
  unitCents: number;
}

export interface PricedLine {
  sku: string;
  quantity: number;
  unitCents: number;
  lineCents: number;
}

/** The unit price for a quantity: the rule with the highest minimum that the quantity reaches. */
export function unitPrice(rules: readonly PriceRule[], sku: string, quantity: number): number | undefined {
  let best: PriceRule | undefined;
  for (const rule of rules) {
    if (rule.sku !== sku || quantity < rule.minQuantity) continue;
    if (!best || rule.minQuantity > best.minQuantity) best = rule;
  }
  return best?.unitCents;
}

export function priceLines(rules: readonly PriceRule[], lines: ReadonlyArray<{ sku: string; quantity: number }>): PricedLine[] {
  return lines.map(({ sku, quantity }) => {
    if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError(`bad quantity for ${sku}: ${quantity}`);
    const unitCents = unitPrice(rules, sku, quantity);
    if (unitCents === undefined) throw new Error(`no price for ${sku}`);
    return { sku, quantity, unitCents, lineCents: unitCents * quantity };
  });
}

/** VAT on a net amount, rounded half away from zero to whole cents. */
export function vatCents(netCents: number, ratePercent: number): number {
  const exact = (netCents * ratePercent) / 100;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export function orderTotalCents(lines: readonly PricedLine[], ratePercent: number): { net: number; vat: number; gross: number } {
  const net = lines.reduce((sum, line) => sum + line.lineCents, 0);
  const vat = vatCents(net, ratePercent);
  return { net, vat, gross: net + vat };
}
