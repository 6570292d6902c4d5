// The cheapest hallucination filter: every finding quotes the code it is about (its `evidence`), and
// the quote must be in the lines it cites, as the experts were shown them (the listing as data, never
// re-read from disk). Whitespace, the listing's own "  12|+" prefixes, wrapping backticks and "…"
// between quoted pieces are tolerated; code that is not there is not. A quoted project rule must be
// in the rules block that was sent. Pure and offline.
import type { EvidenceCheck, Finding, ShownLines } from './types';
import type { ChangedLines } from './visibility';

/** A quote with fewer non-blank characters than this proves nothing ("}" is on half the lines). */
export const MIN_EVIDENCE_CHARS = 3;
/**
 * Bounds on the work one quote costs (it is model output): only its first characters and pieces are
 * checked (a prefix of a true quote is still in the code), and only the first places its first piece occurs.
 */
const MAX_EVIDENCE_CHARS = 4000;
const MAX_PIECES = 20;
const MAX_STARTS = 100;

export interface EvidenceSources {
  /** What the experts were shown: path → line number → text. */
  listing: ShownLines;
  /** Diff scopes: the changed lines, to tell whether a quote is of changed code. */
  changedLines?: ChangedLines;
  /** The project's rules block as sent (a quoted rule must be in it). */
  rulesText?: string;
}

export type EvidenceFields = Pick<Finding, 'file' | 'startLine' | 'endLine' | 'evidence' | 'rule' | 'kind'>;

/**
 * A kind that says the finding is a rules breach ("project-rule", "rules-violation", "guideline-breach").
 * Not "convention": "naming-convention" is an ordinary maintainability finding.
 */
const RULES_KIND = /(?:^|-)(?:rules?|guidelines?)(?:-|$)/;

/** Whether a finding presents itself as breaking a project rule (it must then quote the rule). */
export function isRulesFinding(finding: Pick<Finding, 'kind' | 'rule'>): boolean {
  return Boolean(finding.rule?.trim()) || RULES_KIND.test(finding.kind?.toLowerCase() ?? '');
}

/** A "  12|+" prefix copied from the listing along with the code. */
const LISTING_PREFIX = /^\s*\d+\s*\|[ +]?/;
/** An elision: "..." or "…" (each is a gap; the pieces around it must appear in order). */
const ELISION = /\.\.\.|…/;

const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** The text inside one pair of matching quote marks or backticks around the whole quote, if any. */
function wrappedIn(body: string): string | undefined {
  const mark = body[0];
  return body.length > 2 && (mark === '"' || mark === "'" || mark === '`') && body.endsWith(mark)
    ? body.slice(1, -1)
    : undefined;
}

/** The quote as pieces to find in order, whitespace removed; several readings when it is wrapped. */
function readings(quote: string): string[][] {
  const lines = quote
    .slice(0, MAX_EVIDENCE_CHARS)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !/^\s*```/.test(l))
    .map((l) => l.replace(LISTING_PREFIX, ''));
  const body = lines.join('\n').trim();
  const unwrapped = wrappedIn(body);
  const pieces = (text: string) =>
    text
      .split(ELISION)
      .map(squeeze)
      .filter((p) => p !== '')
      .slice(0, MAX_PIECES);
  return [pieces(body), ...(unwrapped ? [pieces(unwrapped)] : [])];
}

/** The cited lines as one string without whitespace, and the line number of each of its characters. */
function citedText(lines: ReadonlyMap<number, string> | undefined, startLine: number, endLine: number) {
  let text = '';
  const lineOf: number[] = [];
  // The listing's own lines in the range (a range far wider than the listing costs nothing extra).
  const numbers = [...(lines?.keys() ?? [])].filter((n) => n >= startLine && n <= endLine).sort((a, b) => a - b);
  for (const n of numbers) {
    const squeezed = squeeze(lines!.get(n)!);
    text += squeezed;
    for (let i = 0; i < squeezed.length; i++) lineOf.push(n);
  }
  return { text, lineOf };
}

/** Every way the pieces appear in order in `text`, as the line numbers each match covers. */
function matches(pieces: readonly string[], text: string, lineOf: readonly number[]): number[][] {
  const found: number[][] = [];
  const [first, ...rest] = pieces;
  let starts = 0;
  for (let at = text.indexOf(first!); at >= 0 && starts++ < MAX_STARTS; at = text.indexOf(first!, at + 1)) {
    const spans: Array<[number, number]> = [[at, at + first!.length]];
    for (const piece of rest) {
      const i = text.indexOf(piece, spans[spans.length - 1]![1]);
      if (i < 0) return found; // a later start leaves even less room for the remaining pieces
      spans.push([i, i + piece.length]);
    }
    const lines = new Set<number>();
    for (const [from, to] of spans) for (let c = from; c < to; c++) lines.add(lineOf[c]!);
    found.push([...lines]);
  }
  return found;
}

const onChanged = (file: string, lines: readonly number[], changed: ChangedLines): boolean =>
  lines.some((n) => (changed.get(file) ?? []).some((r) => n >= r.startLine && n <= r.endLine));

/** Prose compared for identity: whitespace, Markdown emphasis, quote marks and list markers do not count. */
const proseKey = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*+>]|\d+[.)])\s+/, ''))
    .join('\n')
    .replace(/[\s*_`"'“”‘’]+/g, '')
    .toLowerCase();

function checkRule(rule: string, rulesText: string | undefined): EvidenceCheck | undefined {
  if (!rulesText?.trim()) return { verdict: 'unsupported', reason: 'it cites a project rule, but no rules were sent' };
  const pieces = rule
    .split(ELISION)
    .map(proseKey)
    .filter((p) => p !== '');
  const rules = proseKey(rulesText);
  let from = 0;
  for (const piece of pieces) {
    const i = rules.indexOf(piece, from);
    if (i < 0) return { verdict: 'unsupported', reason: "the rule it quotes is not in the project's rules" };
    from = i + piece.length;
  }
  return pieces.length ? undefined : { verdict: 'unsupported', reason: 'the rule it quotes is empty' };
}

/**
 * Whether the finding's quote is in the code it cites (and its quoted rule in the rules sent).
 * Undefined when it quotes nothing at all (an answer from before quotes were asked for): unchecked.
 */
export function checkEvidence(finding: EvidenceFields, sources: EvidenceSources): EvidenceCheck | undefined {
  if (isRulesFinding(finding) && !finding.rule?.trim())
    return { verdict: 'unsupported', reason: 'it reports a rules breach without quoting the rule' };
  const rule = finding.rule?.trim() ? checkRule(finding.rule, sources.rulesText) : undefined;
  if (rule) return rule;
  if (finding.evidence === undefined) return undefined;
  const where = `lines ${finding.startLine}-${finding.endLine} of ${finding.file}`;
  const candidates = readings(finding.evidence).filter((pieces) => pieces.length > 0);
  if (candidates.length === 0) return { verdict: 'unsupported', reason: 'it quotes no code' };
  if (candidates.every((pieces) => pieces.join('').length < MIN_EVIDENCE_CHARS))
    return { verdict: 'unsupported', reason: 'the code it quotes is too short to check' };
  const { text, lineOf } = citedText(sources.listing.get(finding.file), finding.startLine, finding.endLine);
  const found = candidates
    .filter((pieces) => pieces.join('').length >= MIN_EVIDENCE_CHARS)
    .flatMap((pieces) => matches(pieces, text, lineOf));
  if (found.length === 0) return { verdict: 'unsupported', reason: `the code it quotes is not in ${where}` };
  const changed = sources.changedLines;
  if (!changed) return { verdict: 'supported' };
  return { verdict: 'supported', inChangedLines: found.some((lines) => onChanged(finding.file, lines, changed)) };
}

/** The findings with their quotes checked (a finding that quotes nothing is left unchecked). */
export function withEvidenceChecks<T extends EvidenceFields & { evidenceCheck?: EvidenceCheck }>(
  findings: readonly T[],
  sources: EvidenceSources,
): T[] {
  return findings.map((f) => {
    const evidenceCheck = checkEvidence(f, sources);
    if (evidenceCheck) return { ...f, evidenceCheck };
    const { evidenceCheck: _stale, ...rest } = f;
    return rest as T;
  });
}
