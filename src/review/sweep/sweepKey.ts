// A sweep's identity and its content fingerprint. The key names what the batch asked (scope, experts,
// model, request settings), so a rerun of the same sweep resumes its batch and any other sweep starts its
// own; the content hashes say what the experts were shown, so a resume can warn about files changed since.
import type { ExpertDefinition } from '../experts';
import type { Listing } from '../context';
import type { ReviewSettings } from '../pipeline';
import type { SweepScope } from './sweepState';

/** cyrb53: a 53-bit string hash, enough to tell contents apart (not a security boundary). */
export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function sweepScope(
  paths: readonly string[],
  experts: readonly ExpertDefinition[],
  settings: Pick<ReviewSettings, 'model' | 'maxTokens' | 'contextTokenBudget' | 'exclude'>,
): SweepScope {
  return {
    paths: [...new Set(paths)].sort(),
    experts: experts.map((e) => `${e.id}@${e.model ?? settings.model}#${hashText(e.instructions)}`),
    model: settings.model,
    settings: `budget=${settings.contextTokenBudget} maxTokens=${settings.maxTokens} exclude=${JSON.stringify([...settings.exclude].sort())}`,
  };
}

export const sweepKey = (scope: SweepScope): string => JSON.stringify(scope);

/** The scope in words: "paths src, lib; experts security, performance; model claude-…". */
export const describeScope = (scope: SweepScope): string =>
  `paths ${scope.paths.join(', ')}; experts ${scope.experts.map((e) => e.split('@')[0]).join(', ')}; model ${scope.model}`;

/** path → hash of its numbered lines in a group's shared block. */
export function contentHashes(listing: Listing): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, lines] of listing) out[path] = hashText([...lines].map(([n, text]) => `${n}|${text}`).join('\n'));
  return out;
}

/** Files whose content differs between two fingerprints (changed, added or gone), sorted. */
export function changedFiles(before: Record<string, string>, now: Record<string, string>): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(now)]);
  return [...paths].filter((p) => before[p] !== now[p]).sort();
}
