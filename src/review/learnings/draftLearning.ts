// A dismissed finding, turned into a one-line rule for REVIEW.md that the user edits before saving.
// The rule names the file in backticks, the finding's title and kind, and the code it is about, quoted:
// a later review (which reads REVIEW.md as project rules) then knows exactly which finding not to raise
// again, and no other finding of the same kind elsewhere in the file; a reader of the file knows why.
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

/** Longest code quote a rule carries; a longer one is cut at a word and ends with "…". */
export const MAX_QUOTED_CODE = 160;
const ELLIPSIS = '…';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The finding's lines as one line of code to quote (whitespace collapsed, cut when long). */
export function quotedCode(lines: readonly string[]): string {
  const code = oneLine(lines.join(' '));
  if (code.length <= MAX_QUOTED_CODE) return code;
  const cut = code.slice(0, MAX_QUOTED_CODE);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_QUOTED_CODE / 2 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}

/** Markdown inline code around `code`, with a longer fence when the code holds backticks. */
function inlineCode(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${code} ${fence}` : `${fence}${code}${fence}`;
}

/**
 * `Do not report "<title>" (<kind>) in \`<file>\` for the code \`<code>\`: <why>.` — without the kind or
 * the code when the finding has none.
 */
export function draftLearning(finding: Pick<Finding, 'file' | 'title' | 'kind'>, code?: string, note?: string): string {
  const title = oneLine(finding.title).replace(/"/g, "'");
  const kind = finding.kind && oneLine(finding.kind) ? ` (${oneLine(finding.kind).replace(/[()]/g, '')})` : '';
  const quote = code && oneLine(code) ? ` for the code ${inlineCode(oneLine(code))}` : '';
  const why = note && oneLine(note) ? oneLine(note) : 'dismissed as a false positive';
  return `Do not report "${title}"${kind} in \`${finding.file}\`${quote}: ${why.replace(/\.$/, '')}.`;
}

/** What a learned rule (in draftLearning's form) says, read back from its line. */
export interface LearnedRule {
  title: string;
  kind?: string;
  /** A file, or a folder (every file below it). */
  path: string;
  /** The code it is about, whitespace collapsed; a quote cut short ends with "…". */
  code?: string;
}

/** "Do not report "<title>" (<kind>) in `<path>`", the part of a rule before its quoted code. */
const RULE_HEAD = /^(?:[-*]\s+)?Do not report "([^"]+)"(?: \(([^)]+)\))? in `([^`]+)`/;
const CODE_INTRO = ' for the code ';
/** What may follow the head or the quoted code: the reason after a colon, a full stop, or nothing. */
const endsClause = (rest: string, at: number): boolean => at >= rest.length || rest[at] === ':' || rest[at] === '.';

/**
 * The inline code opening `rest` (after " for the code "): its text, and where it ends. Read by scanning,
 * not by a back-referencing regular expression, so a long line costs linear time.
 */
function readInlineCode(rest: string): { code: string; end: number } | undefined {
  let n = 0;
  while (rest[n] === '`') n++;
  if (n === 0) return undefined;
  const fence = '`'.repeat(n);
  for (let at = rest.indexOf(fence, n); at !== -1; at = rest.indexOf(fence, at + 1)) {
    if (rest[at + n] === '`' || (at > n && rest[at - 1] === '`')) continue;
    let code = rest.slice(n, at);
    if (n > 1 && code.startsWith(' ') && code.endsWith(' ') && code.length > 2) code = code.slice(1, -1);
    return code ? { code, end: at + n } : undefined;
  }
  return undefined;
}

/** The rule a line states, or undefined when it is not in draftLearning's form (a rule the user rewrote). */
export function parseLearning(line: string): LearnedRule | undefined {
  const text = line.trim();
  const m = RULE_HEAD.exec(text);
  if (!m) return undefined;
  const rule: LearnedRule = { title: m[1]!, path: m[3]!, ...(m[2] && { kind: m[2] }) };
  const rest = text.slice(m[0].length);
  if (rest.startsWith(CODE_INTRO)) {
    const quoted = readInlineCode(rest.slice(CODE_INTRO.length));
    if (quoted && endsClause(rest, CODE_INTRO.length + quoted.end)) return { ...rule, code: oneLine(quoted.code) };
  }
  return endsClause(rest, 0) ? rule : undefined;
}

const sameText = (a: string, b: string): boolean => oneLine(a).toLowerCase() === oneLine(b).toLowerCase();

/**
 * Whether `rule` covers `finding`, whose lines hold `code`: the file (or a folder above it), the same
 * title or kind, and, when the rule quotes code, that code on the finding's lines.
 */
export function learningCovers(
  rule: LearnedRule,
  finding: Pick<Finding, 'file' | 'title' | 'kind'>,
  code: string,
): boolean {
  let folder = rule.path;
  while (folder.endsWith('/')) folder = folder.slice(0, -1);
  if (finding.file !== folder && !finding.file.startsWith(`${folder}/`)) return false;
  const what =
    sameText(rule.title.replace(/'/g, '"'), finding.title.replace(/'/g, '"')) ||
    (rule.kind !== undefined && finding.kind !== undefined && sameText(rule.kind, finding.kind));
  if (!what) return false;
  if (!rule.code) return true;
  const quoted = rule.code.endsWith(ELLIPSIS) ? rule.code.slice(0, -ELLIPSIS.length) : rule.code;
  return oneLine(code).includes(quoted);
}
