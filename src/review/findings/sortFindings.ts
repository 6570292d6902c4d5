import { SEVERITIES, type Finding } from './types';

export function severityRank(severity: Finding['severity']): number {
  return SEVERITIES.indexOf(severity);
}

/** Most severe first, then by file and line, then title (code-unit order, locale-independent). */
export function sortFindings<T extends Pick<Finding, 'severity' | 'file' | 'startLine' | 'endLine' | 'title'>>(
  findings: readonly T[],
): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      cmp(a.file, b.file) ||
      a.startLine - b.startLine ||
      a.endLine - b.endLine ||
      cmp(a.title, b.title),
  );
}
