// What the synthesis may leave out of a merged finding, carried over from the experts' findings on the
// same lines: a suggested fix, and how many of an expert's passes raised it (review.passes).
import type { ExpertResult, Finding } from './findings';

/** The synthesis may drop an expert's suggested fix; carry it over from the same place. */
export function withFixesFromExperts(findings: readonly Finding[], experts: readonly ExpertResult[]): Finding[] {
  const fixes = experts.flatMap((e) => e.findings).filter((f) => f.suggestedFix);
  return findings.map((f) => {
    if (f.suggestedFix) return f;
    const match = fixes.find((x) => x.file === f.file && overlaps(x, f));
    return match?.suggestedFix ? { ...f, suggestedFix: match.suggestedFix } : f;
  });
}

/** The synthesis may leave `passes` out: carry it over from the expert finding of the same kind on the same lines. */
export function withPassesFromExperts(findings: readonly Finding[], experts: readonly ExpertResult[]): Finding[] {
  const counted = experts.flatMap((e) => e.findings).filter((f) => f.passes);
  if (!counted.length) return [...findings];
  return findings.map((f) => {
    if (f.passes) return f;
    const match = counted.find((x) => x.file === f.file && overlaps(x, f) && (!x.kind || !f.kind || x.kind === f.kind));
    return match?.passes ? { ...f, passes: match.passes } : f;
  });
}

const overlaps = (a: Finding, b: Finding): boolean => a.startLine <= b.endLine && b.startLine <= a.endLine;
