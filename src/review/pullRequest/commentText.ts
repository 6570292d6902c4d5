// What the review says on a pull request: one comment per finding on its changed line, carrying the
// finding's fingerprint in a hidden marker so that a later run finds and edits its own comment (or marks
// it resolved) instead of adding another, and a review body with everything not on a changed line.
// Model text is neutralised: no @mentions that would notify people, no markers it could forge.
import { redactSecrets } from '../../policy';
import { sortFindings, type Finding, type Severity } from '../findings';

/** GitHub refuses comment bodies over 65,536 characters. */
const MAX_BODY = 60_000;

const TITLES: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const REVIEW_MARKER = '<!-- claude-multi-agent:review -->';
const FINDING_MARKER = /<!-- claude-multi-agent:finding id=([\w-]+) state=(open|resolved) -->/;

export interface CommentMarker {
  findingId: string;
  state: 'open' | 'resolved';
}

export const findingMarker = (m: CommentMarker): string =>
  `<!-- claude-multi-agent:finding id=${m.findingId} state=${m.state} -->`;

/** The marker in a comment's body, when it is one of ours. */
export function readMarker(body: string | null | undefined): CommentMarker | undefined {
  const m = FINDING_MARKER.exec(body ?? '');
  return m ? { findingId: m[1]!, state: m[2] as CommentMarker['state'] } : undefined;
}

export const isOurReview = (body: string | null | undefined): boolean => !!body?.includes(REVIEW_MARKER);

/** Model text as safe Markdown for a comment: no mentions, no HTML comments (markers), no secrets. */
export function neutralise(text: string): string {
  return redactSecrets(text)
    .replace(/<!--/g, '&lt;!--')
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, '$1@\u200b');
}

/** A fence longer than any backtick run inside. */
function fenced(text: string, info: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

const cap = (text: string): string =>
  text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY)}\n\n…(cut: GitHub limits a comment's length)`;

export interface CommentContext {
  /** The commit the review looked at, for "checked at". */
  headSha: string;
  /** The lines the comment sits on; a fix over exactly these becomes a GitHub suggestion. */
  placement: { line: number; startLine?: number };
}

function fixText(f: Finding, placement: CommentContext['placement']): string {
  const fix = f.suggestedFix;
  if (!fix) return '';
  const start = placement.startLine ?? placement.line;
  if (fix.startLine === start && fix.endLine === placement.line)
    return fenced(neutralise(fix.replacement), 'suggestion');
  const lines = fix.startLine === fix.endLine ? `line ${fix.startLine}` : `lines ${fix.startLine}-${fix.endLine}`;
  return `<details><summary>Suggested fix (replaces ${lines})</summary>\n\n${fenced(neutralise(fix.replacement), '')}\n\n</details>`;
}

export function openCommentBody(f: Finding, context: CommentContext): string {
  const scores = [
    f.confidence !== undefined ? `confidence ${f.confidence}%` : '',
    `checked at ${context.headSha.slice(0, 7)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return cap(
    [
      `**${TITLES[f.severity]}** · ${neutralise(f.experts.join(', ') || 'Review')} · **${neutralise(f.title)}**`,
      f.explanation ? neutralise(f.explanation) : '',
      fixText(f, context.placement),
      `<sub>claude-multi-agent · ${scores}</sub>`,
      findingMarker({ findingId: f.id, state: 'open' }),
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
}

/** An earlier comment whose finding this run no longer reports. */
export function resolvedCommentBody(previous: string, headSha: string): string {
  const before = previous.replace(FINDING_MARKER, '').trim();
  const id = readMarker(previous)?.findingId ?? 'unknown';
  return cap(
    [
      `✅ **Resolved**: no longer reported on this line at ${headSha.slice(0, 7)}.`,
      `<details><summary>The earlier finding</summary>\n\n${before}\n\n</details>`,
      findingMarker({ findingId: id, state: 'resolved' }),
    ].join('\n\n'),
  );
}

export interface ReviewBodyInput {
  headline: string;
  /** Findings that are not on a line this pull request changed. */
  elsewhere: readonly Finding[];
  /** Paths relative to the repository root, by finding id. */
  pathOf: (f: Finding) => string;
  /** Notes: hidden counts, failures, left-out files. */
  notes?: readonly string[];
}

export function reviewBody(input: ReviewBodyInput): string {
  const out = [REVIEW_MARKER, `### Claude Multi-Agent review`, '', input.headline, ''];
  for (const note of input.notes ?? []) out.push(`> ${neutralise(note)}`, '');
  if (input.elsewhere.length) {
    out.push(`#### Not on a changed line (${input.elsewhere.length})`, '');
    for (const f of sortFindings(input.elsewhere)) {
      const where = `${input.pathOf(f)}:${f.startLine}${f.endLine > f.startLine ? `-${f.endLine}` : ''}`;
      out.push(
        `<details><summary><b>${TITLES[f.severity]}</b> <code>${neutralise(where).replace(/</g, '&lt;')}</code> ${neutralise(f.title).replace(/</g, '&lt;')}</summary>\n\n${neutralise(f.explanation)}\n\n</details>`,
        '',
      );
    }
  }
  return cap(out.join('\n').trimEnd());
}

export const SUPERSEDED_BODY = `${REVIEW_MARKER}\n_Superseded by a later Claude Multi-Agent review on this pull request._`;
