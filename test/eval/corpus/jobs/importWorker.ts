import { open } from 'node:fs/promises';
import { db } from './db';

export interface ImportResult {
  imported: number;
  skipped: number;
}

interface ProductLine {
  sku: string;
  name: string;
  priceCents: number;
}

function parseLine(line: string): ProductLine | undefined {
  const [sku, name, price] = line.split('\t');
  if (!sku || !name || !price) return undefined;
  const priceCents = Math.round(Number(price) * 100);
  if (!Number.isFinite(priceCents)) return undefined;
  return { sku: sku.trim(), name: name.trim(), priceCents };
}

/**
 * Imports a supplier's tab-separated product list. The worker runs for days and imports a few
 * hundred files a day.
 */
export async function importFile(filePath: string): Promise<ImportResult> {
  const handle = await open(filePath, 'r');
  const result: ImportResult = { imported: 0, skipped: 0 };
  let lineNo = 0;
  for await (const line of handle.readLines()) {
    lineNo++;
    if (lineNo === 1 && line.startsWith('sku\t')) continue;
    const product = parseLine(line);
    if (!product) {
      result.skipped++;
      continue;
    }
    if (product.priceCents <= 0) throw new Error(`${filePath}:${lineNo}: price must be positive`);
    await db.products.upsert({ sku: product.sku }, product);
    result.imported++;
  }
  await handle.close();
  return result;
}
