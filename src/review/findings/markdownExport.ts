// A review as a Markdown document. It only renders what it is given; as a second line of defence
// any secret-shaped value is still redacted before the text leaves.
import { redactSecrets } from '../../policy';
import type { ExcludedFile } from '../context/types';
import { sortFindings } from './sortFindings';
import { SEVERITIES, type ExpertResult, type Finding, type Severity, type SuppressedByRule } from './types';
import { describeHidden } from './hiddenSummary';
import type { HiddenFinding } from './visibility';
import { longestBacktickRun } from './backtickRuns';

export interface ReviewExport {
  title: string;
  /** A Date is written as UTC "YYYY-MM-DD HH:MM UTC"; a string as given. */
  date: Date | string;
  /** What was reviewed, one entry per target/file (e.g. "src/a.ts (lines 1-40)"). */
  targets: readonly string[];
  summary?: string;
  findings: readonly Finding[];
  /** Findings kept back (low confidence, refuted …): counted, not listed. */
  hidden?: readonly HiddenFinding[];
  /** Each expert's raw reply goes into an appendix. */
  expertResults: readonly ExpertResult[];
  excluded?: readonly ExcludedFile[];
  /** How many were left out when `excluded` holds only the first of them. */
  excludedTotal?: number;
  /** Token and cost line, computed by the caller. */
  usageLine?: string;
  /** The project's rules files the experts read (and those left out); a RulesSummary fits. */
  rules?: ExportedRules;
  /** Findings the rules kept experts from raising, per rules file. */
  suppressedByRules?: readonly SuppressedByRule[];
}

export interface ExportedRules {
  files: ReadonlyArray<{ path: string; tokens: number }>;
  leftOut: ReadonlyArray<{ path: string; detail: string }>;
  untrusted?: boolean;
  /** A diff review's base, where its rules were read ("the merge-base abc1234"). */
  readAt?: string;
  /** Rules files the change touches: reviewed as code, not applied. */
  changed?: readonly string[];
}

const SEVERITY_TITLES: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

const FENCE_LANGUAGES: Record<string, string> = {
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  jsx: 'jsx',
  mjs: 'js',
  cjs: 'js',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  cs: 'csharp',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  hpp: 'cpp',
  php: 'php',
  swift: 'swift',
  sh: 'bash',
  sql: 'sql',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  html: 'html',
  css: 'css',
  md: 'markdown',
};

function formatDate(date: Date | string): string {
  if (typeof date === 'string') return date;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A fence longer than any backtick run inside, so the content cannot close it. */
function fenced(text: string, language = ''): string {
  const longest = longestBacktickRun(text);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function lines(f: { startLine: number; endLine: number }): string {
  return f.startLine === f.endLine ? `${f.startLine}` : `${f.startLine}-${f.endLine}`;
}

function languageOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return FENCE_LANGUAGES[ext] ?? '';
}

/** "confidence 92% · 3 experts · confirmed": what a finding's scores say ('' when it has none). */
function describeScores(f: Finding): string {
  return [
    f.confidence !== undefined ? `confidence ${f.confidence}%` : '',
    f.agreement !== undefined ? `${f.agreement} expert${f.agreement === 1 ? '' : 's'}` : '',
    f.verification?.verdict ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function renderFinding(f: Finding): string {
  const out = [`#### \`${f.file}:${lines(f)}\` — ${f.title}`, ''];
  const scores = describeScores(f);
  if (f.experts.length > 0 || scores)
    out.push(
      `*${[f.experts.length ? `Raised by ${f.experts.join(', ')}` : '', scores].filter(Boolean).join(' · ')}*`,
      '',
    );
  if (f.explanation) out.push(f.explanation, '');
  if (f.verification?.reason) out.push(`**Verification (${f.verification.verdict}):** ${f.verification.reason}`, '');
  if (f.suggestedFix) {
    out.push(
      `**Suggested fix** (replaces line${f.suggestedFix.startLine === f.suggestedFix.endLine ? '' : 's'} ${lines(f.suggestedFix)}):`,
      '',
    );
    out.push(fenced(f.suggestedFix.replacement, languageOf(f.file)), '');
  }
  return out.join('\n');
}

/** What shaped the findings: each rules file with its tokens and how many findings it suppressed. */
function rulesSection(rules: ExportedRules | undefined, suppressed: readonly SuppressedByRule[]): string[] {
  if (!rules) return [];
  if (rules.untrusted) return ['## Project rules', '', 'Not read: the workspace is not trusted.', ''];
  const changed = rules.changed ?? [];
  if (rules.files.length === 0 && rules.leftOut.length === 0 && changed.length === 0) return [];
  const out = ['## Project rules', ''];
  if (rules.readAt) out.push(`*Read from ${rules.readAt}, not from the change under review.*`, '');
  for (const f of rules.files) {
    const n = suppressed.find((s) => s.file === f.path)?.count ?? 0;
    out.push(`- \`${f.path}\` — about ${f.tokens} tokens${n ? `; suppressed ${n} finding${n === 1 ? '' : 's'}` : ''}`);
  }
  const unnamed = suppressed
    .filter((s) => !rules.files.some((f) => f.path === s.file))
    .reduce((n, s) => n + s.count, 0);
  if (unnamed) out.push(`- ${unnamed} more finding${unnamed === 1 ? '' : 's'} suppressed by the rules`);
  for (const l of rules.leftOut) out.push(`- \`${l.path}\` — not used: ${l.detail}`);
  if (changed.length) {
    if (out.at(-1) !== '') out.push('');
    out.push('**Rules changed in this change (not applied):**', '');
    for (const path of changed) out.push(`- \`${path}\``);
  }
  out.push('');
  return out;
}

export function findingsToMarkdown(review: ReviewExport): string {
  const out: string[] = [`# ${review.title}`, ''];
  out.push(`- **Date:** ${formatDate(review.date)}`);
  if (review.targets.length === 1) out.push(`- **Reviewed:** ${review.targets[0]}`);
  else if (review.targets.length > 1) out.push('- **Reviewed:**', ...review.targets.map((t) => `  - ${t}`));
  const experts = review.expertResults.map((r) => (r.error ? `${r.expertName} (failed)` : r.expertName));
  if (experts.length > 0) out.push(`- **Experts:** ${experts.join(', ')}`);
  if (review.usageLine) out.push(`- **Usage:** ${review.usageLine}`);
  out.push('');

  if (review.summary?.trim()) out.push('## Summary', '', review.summary.trim(), '');

  out.push(`## Findings (${review.findings.length})`, '');
  const hidden = describeHidden(review.hidden ?? []);
  if (hidden) out.push(`*${hidden}.*`, '');
  if (review.findings.length === 0) out.push('No findings.', '');
  const sorted = sortFindings(review.findings);
  for (const severity of SEVERITIES) {
    const group = sorted.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`### ${SEVERITY_TITLES[severity]} (${group.length})`, '');
    for (const f of group) out.push(renderFinding(f));
  }

  out.push(...rulesSection(review.rules, review.suppressedByRules ?? []));

  if (review.excluded && review.excluded.length > 0) {
    out.push('## Left out', '');
    for (const e of review.excluded) out.push(`- \`${e.path}\` — ${e.detail}`);
    const more = (review.excludedTotal ?? 0) - review.excluded.length;
    if (more > 0) out.push(`- …and ${more} more (the full list is in the extension's log)`);
    out.push('');
  }

  if (review.expertResults.length > 0) {
    out.push('## Appendix: expert replies', '');
    for (const r of review.expertResults) {
      out.push(`### ${r.expertName}`, '');
      if (r.error) out.push(`*Failed: ${r.error}*`, '');
      if (r.rawText.trim() !== '') out.push(fenced(r.rawText), '');
    }
  }
  return redactSecrets(`${out.join('\n').trimEnd()}\n`);
}
