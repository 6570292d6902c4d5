export interface CartLine {
  sku: string;
  name: string;
  unitPrice: number; // in euros, e.g. 19.99
  quantity: number;
}

export interface CartTotals {
  subtotal: number;
  discount: number;
  shipping: number;
  total: number;
}

const FREE_SHIPPING_FROM = 50;
const SHIPPING_FEE = 4.95;

export function subtotal(lines: readonly CartLine[]): number {
  let sum = 0;
  for (const line of lines) sum += line.unitPrice * line.quantity;
  return sum;
}

/** Percentage discount from a coupon (0-100), applied to the subtotal. */
export function discountFor(amount: number, percent: number): number {
  if (percent <= 0) return 0;
  return Math.round(amount * percent) / 100;
}

export function totals(lines: readonly CartLine[], couponPercent = 0): CartTotals {
  const sub = subtotal(lines);
  const discount = discountFor(sub, couponPercent);
  const afterDiscount = sub - discount;
  const shipping = afterDiscount >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
  return { subtotal: sub, discount, shipping, total: afterDiscount + shipping };
}

/** The cart's lines split into pages of `size` for the mini-cart drop-down. */
export function pageOfLines(lines: readonly CartLine[], page: number, size: number): CartLine[] {
  const start = page * size;
  return lines.slice(start, start + size);
}

export function pageCount(lines: readonly CartLine[], size: number): number {
  return Math.floor(lines.length / size);
}

export function formatEuros(amount: number): string {
  return new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(amount);
}
