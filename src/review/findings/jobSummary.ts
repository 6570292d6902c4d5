// A review as a short Markdown summary for a CI job's page (GitHub's $GITHUB_STEP_SUMMARY): counts, one
// table row per finding linking to its line, what was hidden or left out, and what went wrong. The full
// report (explanations, fixes, the experts' replies) stays in the other formats; a step summary is
// capped at 1 MiB, so the table stops well before that. Run-anywhere.
import { redactSecrets } from '../../policy';
import { repositoryPath } from './repositoryPaths';
import { sortFindings } from './sortFindings';
import { SEVERITIES, type Finding, type Severity } from './types';

/** Rows after which the table says "…and N more" (a step summary is capped at 1 MiB). */
export const SUMMARY_MAX_ROWS = 200;

export interface JobSummaryInput {
  title: string;
  findings: readonly Finding[];
  /** "4 findings outside the changed lines hidden", when any were. */
  hidden?: string;
  /** Why the run ended early, or which experts failed. */
  problems?: readonly string[];
  /** Files the review did not read, counted ("3 files left out: 2 budget, 1 lock-file"). */
  leftOut?: string;
  /** The reviewed folder, relative to the repository root. */
  folder?: string;
  /** A URL prefix to which `path#Lline` is appended (a blob URL at the reviewed commit), for links. */
  linkBase?: string;
  /** "cost $0.0123". */
  costLine?: string;
}

const TITLES: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Text safe in one table cell: no line breaks, no column separators, no HTML. */
const cell = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/[|\\]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .trim();

export function jobSummary(input: JobSummaryInput): string {
  const findings = sortFindings(input.findings);
  const counts = SEVERITIES.map((s) => ({ s, n: findings.filter((f) => f.severity === s).length })).filter((c) => c.n);
  const head = findings.length
    ? `**${findings.length} finding${findings.length === 1 ? '' : 's'}**: ${counts.map((c) => `${c.n} ${c.s}`).join(', ')}`
    : '**No findings.**';
  const out = [`### ${cell(input.title)}`, '', [head, input.hidden, input.costLine].filter(Boolean).join(' · '), ''];
  for (const problem of input.problems ?? []) out.push(`> [!WARNING]`, `> ${cell(problem)}`, '');
  if (findings.length) {
    out.push('| Severity | Where | Finding | Experts |', '| --- | --- | --- | --- |');
    for (const f of findings.slice(0, SUMMARY_MAX_ROWS)) {
      const path = repositoryPath(f.file, input.folder);
      const where = `${path}:${f.startLine}${f.endLine > f.startLine ? `-${f.endLine}` : ''}`;
      const link = input.linkBase
        ? `[\`${cell(where)}\`](${input.linkBase}${path.split('/').map(encodeURIComponent).join('/')}#L${f.startLine})`
        : `\`${cell(where)}\``;
      out.push(`| ${TITLES[f.severity]} | ${link} | ${cell(f.title)} | ${cell(f.experts.join(', '))} |`);
    }
    if (findings.length > SUMMARY_MAX_ROWS) out.push('', `…and ${findings.length - SUMMARY_MAX_ROWS} more.`);
    out.push('');
  }
  if (input.leftOut) out.push(`_${cell(input.leftOut)}_`, '');
  return redactSecrets(`${out.join('\n').trimEnd()}\n\n`);
}
