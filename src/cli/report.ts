// One report, four formats: what the review (or a sweep, merged) found, rendered by the domain's
// formatters and written to each output (see outputs.ts), plus the job summary.
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatUsd, type Usage } from '../core';
import {
  findingsToJson,
  findingsToMarkdown,
  findingsToRdjson,
  findingsToSarif,
  hiddenPhrase,
  jobSummary,
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
import { withoutKey } from './apiAccess';
import type { Format, OutputSpec } from './outputs';

declare const CLAUDE_MULTI_AGENT_VERSION: string | undefined;
/** Set by esbuild in dist/cli.js; "dev" when run from source. */
export const CLI_VERSION = typeof CLAUDE_MULTI_AGENT_VERSION === 'string' ? CLAUDE_MULTI_AGENT_VERSION : 'dev';

export interface Report {
  title: string;
  status: string;
  /** Why the run ended early or is partial, when it did or is. */
  message?: string;
  /** Worth knowing and not a problem (why there was nothing to review): SARIF notes, the Markdown summary. */
  notes?: string[];
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
  /** The reviewed folder, relative to the repository root: SARIF, rdjson and comments use repository paths. */
  folder?: string;
  /** The repository root as a `file:` URI (SARIF's %SRCROOT%). */
  repositoryRootUri?: string;
}

/** Why the run was not complete: its own message and each failed expert. */
export const problemsOf = (report: Report): string[] => [
  ...(report.message ? [report.message] : []),
  ...report.results.filter((r) => r.error).map((r) => `${r.expertName}: ${r.error ?? ''}`),
];

/** "_4 findings outside the changed lines hidden._" under the summary. */
function hiddenNote(hidden: Report['hidden']): string {
  return hidden?.length ? `_${hidden.map((h) => hiddenPhrase(h.reason, h.count)).join(', ')}._` : '';
}

export function render(report: Report, format: Format): string {
  switch (format) {
    case 'sarif': {
      const log = findingsToSarif({
        toolVersion: CLI_VERSION,
        experts: report.experts,
        findings: report.findings,
        ...(report.hidden && { hidden: report.hidden }),
        problems: problemsOf(report),
        ...(report.notes?.length && { notes: report.notes }),
        ...(report.leftOut && { leftOut: report.leftOut }),
        ...(report.rules && { rules: report.rules }),
        ...(report.folder && { folder: report.folder }),
        ...(report.repositoryRootUri && { repositoryRootUri: report.repositoryRootUri }),
      });
      return `${JSON.stringify(log, null, 2)}\n`;
    }
    case 'rdjson':
      return findingsToRdjson({ findings: report.findings, ...(report.folder && { folder: report.folder }) });
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
          // Weaker findings over the per-expert cap: counted, not listed.
          ...(r.omitted && { omitted: r.omitted }),
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
  else await new Promise<void>((done, fail) => process.stdout.write(text, (err) => (err ? fail(err) : done())));
}

/** The short Markdown a CI job's page shows (see jobSummary), with links when GitHub says where the code is. */
export function renderSummary(report: Report, env: NodeJS.ProcessEnv): string {
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const repo = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  const left = report.leftOut?.total
    ? `${report.leftOut.total} file${report.leftOut.total === 1 ? '' : 's'} left out: ${report.leftOut.byReason.map((r) => `${r.count} ${r.reason}`).join(', ')}.`
    : undefined;
  return jobSummary({
    title: report.title,
    findings: report.findings,
    ...(report.hidden?.length && { hidden: report.hidden.map((h) => hiddenPhrase(h.reason, h.count)).join(', ') }),
    problems: problemsOf(report),
    ...(left && { leftOut: left }),
    ...(report.folder && { folder: report.folder }),
    ...(repo && sha && { linkBase: `${server}/${repo}/blob/${sha}/` }),
    costLine: `cost ${formatUsd(report.costUsd)}`,
  });
}

/**
 * Writes every output, and the job summary when asked. One that fails does not stop the others (partial
 * output survives); the first failure is thrown once all were tried.
 */
export async function emitAll(
  report: Report,
  outputs: readonly OutputSpec[],
  io: { cwd: string; env: NodeJS.ProcessEnv; summaryFile?: string },
): Promise<void> {
  const failures: Error[] = [];
  for (const o of outputs)
    await emit(render(report, o.format), o.path && resolve(io.cwd, o.path), io.env).catch((err: Error) =>
      failures.push(new Error(`${o.flag} ${o.path ?? 'stdout'}: ${err.message}`)),
    );
  if (io.summaryFile)
    await appendFile(io.summaryFile, withoutKey(renderSummary(report, io.env), io.env), 'utf8').catch((err: Error) =>
      failures.push(new Error(`--summary ${io.summaryFile}: ${err.message}`)),
    );
  if (failures[0]) throw failures[0];
}

/** True when some finding is at least as severe as `threshold`. */
export const reachesSeverity = (findings: readonly Finding[], threshold: Severity | undefined): boolean =>
  threshold !== undefined && findings.some((f) => severityRank(f.severity) <= severityRank(threshold));
