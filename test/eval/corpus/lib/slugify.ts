const COMBINING_MARKS = /[\u0300-\u036f]/g;
const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/ß/g, 'ss'],
  [/æ/g, 'ae'],
  [/ø/g, 'o'],
  [/&/g, ' and '],
];

export interface SlugOptions {
  /** Longest slug, cut at a word boundary when possible (default 80). */
  maxLength?: number;
  separator?: '-' | '_';
}

/** "Crème Brûlée & Co." → "creme-brulee-and-co". */
export function slugify(text: string, options: SlugOptions = {}): string {
  const separator = options.separator ?? '-';
  const maxLength = options.maxLength ?? 80;
  let slug = text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  for (const [pattern, replacement] of REPLACEMENTS) slug = slug.replace(pattern, replacement);
  slug = slug
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}|\\${separator}$`, 'g'), '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastSeparator = cut.lastIndexOf(separator);
  return lastSeparator > maxLength / 2 ? cut.slice(0, lastSeparator) : cut;
}

/** A slug not in `taken`: "name", then "name-2", "name-3" … */
export function uniqueSlug(text: string, taken: ReadonlySet<string>, options: SlugOptions = {}): string {
  const base = slugify(text, options) || 'item';
  if (!taken.has(base)) return base;
  const separator = options.separator ?? '-';
  for (let n = 2; ; n++) {
    const candidate = `${base}${separator}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
