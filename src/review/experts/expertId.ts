/** 'Security Reviewer' → 'security-reviewer': ids stay stable while display names can be anything. */
export function expertIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Runs are one '-' now: strip one at each end (a `-+$` would rescan a run from each position).
    .replace(/^-/, '')
    .replace(/-$/, '');
  return slug === '' ? 'expert' : slug;
}
