// A dismissed finding, turned into a one-line rule for REVIEW.md that the user edits before saving.
// It names the file in backticks and the finding's title, so a later review (which reads REVIEW.md
// as project rules) knows exactly what not to raise again, and a reader of the file knows why.
import type { Finding } from '../findings';

export type DismissReason = 'falsePositive' | 'wontFix' | 'fixed';

export const DISMISS_REASONS: ReadonlyArray<{ reason: DismissReason; label: string; detail: string }> = [
  {
    reason: 'falsePositive',
    label: 'False positive',
    detail: 'The code is fine; offers to remember this for the project',
  },
  { reason: 'wontFix', label: "Won't fix", detail: 'A real issue, but not one to fix now' },
  { reason: 'fixed', label: 'Fixed', detail: 'Already dealt with' },
];

export function draftLearning(finding: Pick<Finding, 'file' | 'title'>, note?: string): string {
  const title = oneLine(finding.title).replace(/"/g, "'");
  const why = note && oneLine(note) ? oneLine(note) : 'dismissed as a false positive';
  return `Do not report "${title}" in \`${finding.file}\`: ${why.replace(/\.$/, '')}.`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
