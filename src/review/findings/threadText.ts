// A finding as the text of a comment thread on the code: the explanation as Markdown and the
// suggested fix as a ```diff block (the lines the experts saw, then the replacement). Editor-free so
// it can be tested; the editor renders it untrusted (no command links from model text) and with every
// image turned into a link (imagesAsLinks), so no remote image is fetched from model output.
import { imagesAsLinks } from './imagesAsLinks';
import type { Finding, Severity } from './types';
import { longestBacktickRun } from './backtickRuns';

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** A fence longer than any run of backticks in the text, so model text cannot close it early. */
function fence(text: string): string {
  const longest = Math.max(2, longestBacktickRun(text));
  return '`'.repeat(longest + 1);
}

/** The suggested fix as a unified-diff body ("-" the lines shown to the experts, "+" the replacement). */
export function fixAsDiff(finding: Finding): string | undefined {
  const fix = finding.suggestedFix;
  if (!fix) return undefined;
  const removed = fix.seen === undefined ? [] : fix.seen.split('\n').map((l) => `-${l}`);
  const added = fix.replacement
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `+${l}`);
  const header = `@@ lines ${fix.startLine}-${fix.endLine} @@`;
  return [header, ...removed, ...added].join('\n');
}

/** "High · confidence 85 · 2 experts agree" */
export function threadLabel(finding: Finding, outdated = false): string {
  return [
    `${SEVERITY_LABEL[finding.severity]}: ${finding.title}`,
    ...(finding.confidence !== undefined ? [`confidence ${finding.confidence}`] : []),
    ...(outdated ? ['outdated'] : []),
  ].join(' · ');
}

/** The first comment of a finding's thread, in Markdown. */
export function threadBody(finding: Finding): string {
  const parts = [finding.explanation.trim() || finding.title];
  const meta = [
    `**${SEVERITY_LABEL[finding.severity]}**`,
    ...(finding.experts.length ? [`raised by ${finding.experts.join(', ')}`] : []),
    ...(finding.confidence !== undefined ? [`confidence ${finding.confidence}/100`] : []),
    ...(finding.agreement !== undefined && finding.agreement > 1 ? [`${finding.agreement} experts agree`] : []),
  ];
  parts.push(meta.join(' · '));
  const diff = fixAsDiff(finding);
  if (diff !== undefined) {
    const f = fence(diff);
    parts.push(`**Suggested fix**\n\n${f}diff\n${diff}\n${f}`);
  }
  return imagesAsLinks(parts.join('\n\n'));
}
