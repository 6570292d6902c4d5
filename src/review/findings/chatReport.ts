// A review as the editor's chat shows it (Markdown per expert and for the synthesis) and as a
// language-model tool returns it (structured findings the calling model reads). Only renders what
// it is given; secret-shaped values are still redacted before the text leaves.
import { redactSecrets } from '../../policy';
import { sortFindings } from './sortFindings';
import type { Finding } from './types';
import { longestBacktickRun } from './backtickRuns';

/** One expert's part of a review, as the chat shows it. */
export interface ExpertSummary {
  name: string;
  /** 'completed', 'interrupted', 'failed' … */
  status: string;
  summary: string;
  findings: readonly Finding[];
  error?: string;
}

const lineRange = (f: Pick<Finding, 'startLine' | 'endLine'>): string =>
  f.startLine === f.endLine ? `${f.startLine}` : `${f.startLine}-${f.endLine}`;

/** Markdown inline code that cannot be broken out of by the text it holds. */
const code = (text: string): string => {
  const longest = longestBacktickRun(text);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ' ' : ''}${text}${longest ? ' ' : ''}${fence}`;
};

/** Findings as a Markdown list, most severe first. */
export function findingsListMarkdown(findings: readonly Finding[]): string {
  if (!findings.length) return '_No findings._\n';
  return sortFindings([...findings])
    .map(
      (f) =>
        `- **${f.severity.toUpperCase()}** ${code(`${f.file}:${lineRange(f)}`)} ${f.title}${f.explanation ? ` — ${f.explanation}` : ''}${f.suggestedFix ? ' _(fix suggested)_' : ''}`,
    )
    .map((line) => redactSecrets(line))
    .join('\n')
    .concat('\n');
}

/** "### Security (2 findings)" and the expert's summary and findings. */
export function expertMarkdown(expert: ExpertSummary): string {
  const count = `${expert.findings.length} finding${expert.findings.length === 1 ? '' : 's'}`;
  const head = `### ${expert.name} (${expert.status === 'completed' ? count : `${expert.status}, ${count}`})\n\n`;
  const error = expert.error ? `> ${redactSecrets(expert.error)}\n\n` : '';
  const summary = expert.summary ? `${redactSecrets(expert.summary)}\n\n` : '';
  return head + error + summary + findingsListMarkdown(expert.findings) + '\n';
}

/** What a tool returns: plain data the calling model can act on, paths relative to the workspace. */
export interface ToolFindings {
  status: string;
  reviewed: string[];
  findings: {
    id: string;
    file: string;
    startLine: number;
    endLine: number;
    severity: string;
    title: string;
    explanation: string;
    experts: string[];
    suggestedFix?: { startLine: number; endLine: number; replacement: string };
  }[];
  cost?: string;
  message?: string;
}

export function toolFindings(input: {
  status: string;
  reviewed: readonly string[];
  findings: readonly Finding[];
  cost?: string;
  message?: string;
}): ToolFindings {
  const out: ToolFindings = {
    status: input.status,
    reviewed: [...input.reviewed],
    findings: sortFindings([...input.findings]).map((f) => ({
      id: f.id,
      file: f.file,
      startLine: f.startLine,
      endLine: f.endLine,
      severity: f.severity,
      title: redactSecrets(f.title),
      explanation: redactSecrets(f.explanation),
      experts: f.experts,
      ...(f.suggestedFix && {
        suggestedFix: {
          startLine: f.suggestedFix.startLine,
          endLine: f.suggestedFix.endLine,
          replacement: redactSecrets(f.suggestedFix.replacement),
        },
      }),
    })),
  };
  if (input.cost) out.cost = input.cost;
  if (input.message) out.message = redactSecrets(input.message);
  return out;
}
