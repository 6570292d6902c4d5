import { redis } from './redis';
import { logger } from './logger';

export class OutOfStockError extends Error {
  constructor(readonly sku: string, readonly requested: number, readonly available: number) {
    super(`Only ${available} of ${sku} left, ${requested} requested`);
  }
}

const stockKey = (sku: string) => `stock:${sku}`;

export async function available(sku: string): Promise<number> {
  const raw = await redis.get(stockKey(sku));
  return raw === null ? 0 : Number(raw);
}

/**
 * Takes `quantity` items of a SKU out of stock for a checkout. Called by every checkout worker at
 * once during a sale.
 */
export async function reserve(sku: string, quantity: number): Promise<void> {
  if (quantity <= 0) throw new RangeError('quantity must be positive');
  const left = await available(sku);
  if (left < quantity) throw new OutOfStockError(sku, quantity, left);
  await redis.set(stockKey(sku), String(left - quantity));
  logger.info({ sku, quantity, left: left - quantity }, 'reserved');
}

/** Puts items back, e.g. when a payment fails. */
export async function release(sku: string, quantity: number): Promise<void> {
  await redis.incrby(stockKey(sku), quantity);
  logger.info({ sku, quantity }, 'released');
}

/** Reserves every line of an order; on failure, releases what was already taken. */
export async function reserveAll(lines: ReadonlyArray<{ sku: string; quantity: number }>): Promise<void> {
  const taken: Array<{ sku: string; quantity: number }> = [];
  try {
    for (const line of lines) {
      await reserve(line.sku, line.quantity);
      taken.push(line);
    }
  } catch (err) {
    await Promise.all(taken.map((line) => release(line.sku, line.quantity)));
    throw err;
  }
}

export async function restock(sku: string, quantity: number): Promise<number> {
  const next = await redis.incrby(stockKey(sku), quantity);
  logger.info({ sku, quantity, next }, 'restocked');
  return next;
}
