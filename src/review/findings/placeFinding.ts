// Checks one raw finding from a model against what the experts were actually shown: a known file,
// lines inside an included range, a known severity. Unplaceable findings are dropped with a reason.
import { SEVERITIES, type DroppedItem, type Finding, type KnownFile, type Severity, type SuggestedFix } from './types';

export type RawFinding = Record<string, unknown>;
export type PlacedFinding = Omit<Finding, 'id'>;

function normalisePath(p: string): string {
  return p.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** Maps the model's path onto a known one: exact, then case-insensitive, then a unique suffix match. */
export function resolveKnownPath(given: string, known: readonly KnownFile[]): string | undefined {
  const paths = [...new Set(known.map((k) => k.path))];
  const want = normalisePath(given);
  if (want === '') return undefined;
  const exact = paths.find((p) => p === want);
  if (exact) return exact;
  const lower = want.toLowerCase();
  const folded = paths.filter((p) => p.toLowerCase() === lower);
  if (folded.length === 1) return folded[0];
  const suffix = paths.filter((p) => {
    const l = p.toLowerCase();
    return l.endsWith(`/${lower}`) || lower.endsWith(`/${l}`);
  });
  return suffix.length === 1 ? suffix[0] : undefined;
}

function toLine(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined;
}

function describeRanges(ranges: readonly KnownFile[]): string {
  return ranges.map((r) => `${r.startLine}-${r.endLine}`).join(', ');
}

/** The lines clamped into the included range they overlap, or undefined when they overlap none. */
function clampToRanges(
  start: number,
  end: number,
  ranges: readonly KnownFile[],
): { startLine: number; endLine: number } | undefined {
  const range =
    ranges.find((r) => start >= r.startLine && start <= r.endLine) ??
    ranges.find((r) => start <= r.endLine && end >= r.startLine);
  if (!range) return undefined;
  return { startLine: Math.max(start, range.startLine), endLine: Math.min(end, range.endLine) };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A 0-100 score, rounded and clamped; undefined when the model gave none or not a number (schemas cannot hold limits). */
export function readConfidence(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, Math.round(n)));
}

/** "SQL Injection" → "sql-injection": lower-case words joined by hyphens, at most 40 characters; undefined when empty. */
export function readKind(value: unknown): string | undefined {
  const kind = str(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Runs are one '-' now: strip one at each end (a `-+$` would rescan a run from each position).
    .replace(/^-/, '')
    .replace(/-$/, '')
    .slice(0, 40)
    .replace(/-$/, '');
  return kind === '' ? undefined : kind;
}

export interface PlaceContext {
  knownFiles: readonly KnownFile[];
  /** The experts credited with the finding. */
  experts: (raw: RawFinding) => string[];
}

export function placeFinding(raw: unknown, ctx: PlaceContext): { finding?: PlacedFinding; dropped: DroppedItem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { dropped: [{ what: 'finding', title: '(not an object)', reason: 'a finding must be a JSON object' }] };
  }
  const f = raw as RawFinding;
  const title = str(f['title']) || str(f['explanation']).split('\n')[0]!.slice(0, 80);
  const drop = (reason: string, file?: string) => ({
    dropped: [{ what: 'finding' as const, title: title || '(untitled)', ...(file ? { file } : {}), reason }],
  });
  if (title === '') return drop('the finding has no title or explanation');

  const givenFile = str(f['file']);
  const file = resolveKnownPath(givenFile, ctx.knownFiles);
  if (!file)
    return drop(
      givenFile ? `"${givenFile}" is not one of the files reviewed` : 'no file given',
      givenFile || undefined,
    );
  const ranges = ctx.knownFiles.filter((k) => k.path === file);

  const severity = str(f['severity']).toLowerCase() as Severity;
  if (!SEVERITIES.includes(severity)) {
    return drop(`severity "${str(f['severity'])}" is not one of ${SEVERITIES.join(', ')}`, file);
  }

  const start = toLine(f['startLine']);
  if (start === undefined || start < 1) return drop('startLine is missing or not a positive line number', file);
  const end = Math.max(start, toLine(f['endLine']) ?? start); // end before start: clamp to one line
  const lines = clampToRanges(start, end, ranges);
  if (!lines)
    return drop(`lines ${start}-${end} are outside the lines shown for ${file} (${describeRanges(ranges)})`, file);

  const finding: PlacedFinding = {
    file,
    ...lines,
    severity,
    title,
    explanation: str(f['explanation']),
    experts: ctx.experts(f),
  };
  const kind = readKind(f['kind']);
  if (kind) finding.kind = kind;
  const confidence = readConfidence(f['confidence']);
  if (confidence !== undefined) finding.confidence = confidence;
  // The quote is kept as given (checked later against the listing); a missing one is not invented.
  if (typeof f['evidence'] === 'string') finding.evidence = f['evidence'];
  const rule = str(f['rule']);
  if (rule) finding.rule = rule;
  if (f['preExisting'] === true) finding.preExisting = true;
  const dropped: DroppedItem[] = [];
  const fix = placeFix(f['suggestedFix'], ranges);
  if (typeof fix === 'string') dropped.push({ what: 'suggestedFix', title, file, reason: fix });
  else if (fix) finding.suggestedFix = fix;
  return { finding, dropped };
}

/** A fix must replace lines the experts were shown, or it could overwrite unseen code. */
function placeFix(raw: unknown, ranges: readonly KnownFile[]): SuggestedFix | string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'suggestedFix must be an object';
  const fix = raw as RawFinding;
  if (typeof fix['replacement'] !== 'string') return 'suggestedFix has no replacement text';
  const start = toLine(fix['startLine']);
  if (start === undefined || start < 1) return 'suggestedFix has no valid startLine';
  const end = Math.max(start, toLine(fix['endLine']) ?? start);
  const inside = ranges.some((r) => start >= r.startLine && end <= r.endLine);
  if (!inside) return `suggestedFix lines ${start}-${end} are outside the lines shown (${describeRanges(ranges)})`;
  return { replacement: fix['replacement'], startLine: start, endLine: end };
}
