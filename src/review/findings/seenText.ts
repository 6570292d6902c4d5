// What the experts were shown of a suggested fix's lines, kept with the fix (from the listing as data,
// see context/types.ts Listing), so applying it later can tell whether the file moved on.
import type { Finding, ShownLines } from './types';

/** The findings with each suggested fix carrying the lines it replaces, as shown (left unset if any line was not shown). */
export function withSeenText(findings: readonly Finding[], listing: ShownLines): Finding[] {
  return findings.map((f) => {
    const fix = f.suggestedFix;
    if (!fix) return f;
    const lines = listing.get(f.file);
    const seen: string[] = [];
    for (let n = fix.startLine; n <= fix.endLine; n++) {
      const text = lines?.get(n);
      if (text === undefined) return f;
      seen.push(text);
    }
    return { ...f, suggestedFix: { ...fix, seen: seen.join('\n') } };
  });
}
