// One report, three formats: what the review (or a sweep, merged) found, rendered by the domain's
// formatters and written to stdout or --output.
import { writeFile } from 'node:fs/promises';
import { formatUsd, type Usage } from '../core';
import {
  findingsToJson,
  findingsToMarkdown,
  findingsToSarif,
  hiddenPhrase,
  severityRank,
  type ExpertDefinition,
  type ExpertResult,
  type ExportedRules,
  type Finding,
  type HiddenReason,
  type LeftOutSummary,
  type Severity,
  type SuppressedByRule,
} from '../review';
import type { Format } from './args';
import { withoutKey } from './apiAccess';

declare const CLAUDE_MULTI_AGENT_VERSION: string | undefined;
/** Set by esbuild in dist/cli.js; "dev" when run from source. */
export const CLI_VERSION = typeof CLAUDE_MULTI_AGENT_VERSION === 'string' ? CLAUDE_MULTI_AGENT_VERSION : 'dev';

export interface Report {
  title: string;
  status: string;
  /** Why the run ended early, when it did. */
  message?: string;
  targets: string[];
  summary: string;
  findings: Finding[];
  /** Findings kept back, counted by reason (outside the changed lines, low confidence …). */
  hidden?: Array<{ reason: HiddenReason; count: number }>;
  experts: ExpertDefinition[];
  results: ExpertResult[];
  leftOut?: LeftOutSummary;
  /** The project's rules files the experts read (a review's; a sweep has none). */
  rules?: ExportedRules;
  suppressedByRules?: SuppressedByRule[];
  usage: Usage;
  costUsd: number | undefined;
  /** Extra lines for the Markdown usage line (per-group cost of a sweep). */
  costNotes?: string[];
}

/** "_4 findings outside the changed lines hidden._" under the summary. */
function hiddenNote(hidden: Report['hidden']): string {
  return hidden?.length ? `_${hidden.map((h) => hiddenPhrase(h.reason, h.count)).join(', ')}._` : '';
}

export function render(report: Report, format: Format): string {
  const failed = report.results.filter((r) => r.error).map((r) => `${r.expertName}: ${r.error ?? ''}`);
  switch (format) {
    case 'sarif':
      return `${JSON.stringify(findingsToSarif({ toolVersion: CLI_VERSION, experts: report.experts, findings: report.findings, ...(report.hidden && { hidden: report.hidden }), problems: [...(report.message ? [report.message] : []), ...failed], ...(report.rules && { rules: report.rules }) }), null, 2)}\n`;
    case 'json':
      return findingsToJson({
        title: report.title,
        status: report.status,
        ...(report.message && { message: report.message }),
        targets: report.targets,
        summary: report.summary,
        findings: report.findings,
        ...(report.hidden && { hidden: report.hidden }),
        experts: report.results.map((r) => ({
          id: r.expertId,
          name: r.expertName,
          status: r.error ? 'failed' : 'done',
          ...(r.error && { error: r.error }),
          findings: r.findings.length,
        })),
        ...(report.leftOut && { leftOut: report.leftOut }),
        ...(report.rules && { rules: report.rules, suppressedByRules: report.suppressedByRules ?? [] }),
        usage: report.usage,
        ...(report.costUsd !== undefined && { costUsd: report.costUsd }),
      });
    case 'markdown': {
      const usage = `${report.usage.inputTokens + report.usage.cacheReadTokens + report.usage.cacheWriteTokens} input tokens (${report.usage.cacheReadTokens} from cache), ${report.usage.outputTokens} output tokens, ${formatUsd(report.costUsd)}`;
      const md = findingsToMarkdown({
        title: report.title,
        date: new Date(),
        targets: report.targets,
        summary: [report.message ? `**${report.message}**` : '', report.summary, hiddenNote(report.hidden)]
          .filter(Boolean)
          .join('\n\n'),
        findings: report.findings,
        expertResults: report.results,
        ...(report.leftOut && { excluded: report.leftOut.shown, excludedTotal: report.leftOut.total }),
        ...(report.rules && { rules: report.rules, suppressedByRules: report.suppressedByRules ?? [] }),
        usageLine: [usage, ...(report.costNotes ?? [])].join('; '),
      });
      return md;
    }
  }
}

/** Writes the report to `output` or stdout, through the redactor with the key (see withoutKey). */
export async function emit(report: string, output: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  const text = withoutKey(report, env);
  if (output) await writeFile(output, text, 'utf8');
  else
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

/** True when some finding is at least as severe as `threshold`. */
export const reachesSeverity = (findings: readonly Finding[], threshold: Severity | undefined): boolean =>
  threshold !== undefined && findings.some((f) => severityRank(f.severity) <= severityRank(threshold));
