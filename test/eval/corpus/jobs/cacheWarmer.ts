import { cache } from './cache';
import { catalog } from './catalog';

export interface Product {
  id: string;
  slug: string;
  categoryId: string;
  price: { amount: number; currency: string } | null;
}

interface Category {
  id: string;
  name: string;
  featured: string[];
}

const TTL_SECONDS = 15 * 60;

async function warmProduct(product: Product): Promise<void> {
  await cache.set(`product:${product.slug}`, JSON.stringify(product), TTL_SECONDS);
}

/** Pre-computes the listing entries of a category's featured products. */
export async function warmCategory(category: Category): Promise<number> {
  const products = await catalog.productsByIds(category.featured);
  const entries = products.map((p) => ({
    slug: p.slug,
    label: `${p.slug} – ${p.price.amount.toFixed(2)} ${p.price.currency}`,
  }));
  await cache.set(`category:${category.id}:featured`, JSON.stringify(entries), TTL_SECONDS);
  await Promise.all(products.map(warmProduct));
  return products.length;
}

/**
 * Warms the cache for every category after a deploy. Returns how many products were cached; a
 * category that fails is skipped so that one bad record does not stop the rest.
 */
export async function warmAll(): Promise<number> {
  const categories: Category[] = await catalog.categories();
  let warmed = 0;
  for (const category of categories) {
    try {
      warmed += await warmCategory(category);
    } catch {}
  }
  return warmed;
}
