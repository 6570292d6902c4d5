// A review in reviewdog's Diagnostic Format (rdjson: one DiagnosticResult), so reviewdog can post the
// findings where a team reviews code (GitHub, GitLab, Bitbucket, Gerrit) with its own reporters and
// filters. Paths are relative to the repository root: run reviewdog from there. Run-anywhere.
import { redactSecrets } from '../../policy';
import { repositoryPath } from './repositoryPaths';
import { sortFindings } from './sortFindings';
import type { Finding, Severity } from './types';

/** The subset of reviewdog's proto (proto/rdf/reviewdog.proto) we write. */
export interface RdjsonPosition {
  line: number;
  column?: number;
}
export interface RdjsonRange {
  start: RdjsonPosition;
  end?: RdjsonPosition;
}
export interface RdjsonDiagnostic {
  message: string;
  location: { path: string; range: RdjsonRange };
  severity: 'ERROR' | 'WARNING' | 'INFO';
  source: { name: string };
  code: { value: string };
  suggestions?: Array<{ range: RdjsonRange; text: string }>;
}
export interface RdjsonResult {
  source: { name: string; url?: string };
  severity?: 'ERROR' | 'WARNING' | 'INFO';
  diagnostics: RdjsonDiagnostic[];
}

const SEVERITY: Record<Severity, RdjsonDiagnostic['severity']> = {
  critical: 'ERROR',
  high: 'ERROR',
  medium: 'WARNING',
  low: 'INFO',
  info: 'INFO',
};

export interface RdjsonExport {
  findings: readonly Finding[];
  /** The reviewed folder, relative to the repository root ('' at the top). */
  folder?: string;
}

/** Whole lines startLine..endLine as a range: from column 1 of the first to column 1 of the line after. */
const wholeLines = (startLine: number, endLine: number): RdjsonRange => ({
  start: { line: startLine, column: 1 },
  end: { line: endLine + 1, column: 1 },
});

function diagnosticOf(f: Finding, folder: string | undefined): RdjsonDiagnostic {
  const fix = f.suggestedFix;
  return {
    message: [`${f.title}`, f.explanation, f.experts.length ? `(${f.experts.join(', ')})` : '']
      .filter(Boolean)
      .join('\n\n'),
    location: {
      path: repositoryPath(f.file, folder),
      range: { start: { line: f.startLine }, end: { line: f.endLine } },
    },
    severity: SEVERITY[f.severity],
    source: { name: 'claude-multi-agent' },
    // The finding's fingerprint: reviewdog shows it as the diagnostic's code.
    code: { value: f.id },
    ...(fix && {
      suggestions: [
        {
          range: wholeLines(fix.startLine, fix.endLine),
          text: fix.replacement.endsWith('\n') ? fix.replacement : `${fix.replacement}\n`,
        },
      ],
    }),
  };
}

export function findingsToRdjson(review: RdjsonExport): string {
  const result: RdjsonResult = {
    source: { name: 'claude-multi-agent', url: 'https://www.npmjs.com/package/claude-multi-agent' },
    diagnostics: sortFindings(review.findings).map((f) => diagnosticOf(f, review.folder)),
  };
  return redactSecrets(`${JSON.stringify(result, null, 2)}\n`);
}
