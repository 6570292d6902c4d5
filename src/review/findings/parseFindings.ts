// Turns a model's reply into placed findings plus a list of what could not be placed.
import { extractJson } from './extractJson';
import { assignIds } from './findingId';
import { placeFinding, type PlaceContext, type PlacedFinding, type RawFinding } from './placeFinding';
import { severityRank } from './sortFindings';
import { readSuppressedByRules } from './suppressedByRules';
import type { DroppedItem, KnownFile, ParsedFindings } from './types';

/**
 * The most findings one expert reports: its strongest (most severe, then most confident); the rest
 * are counted, not listed. Structured outputs cannot bound an array, so the prompt asks and parsing holds it.
 */
export const MAX_FINDINGS_PER_EXPERT = 8;

/** The `limit` strongest findings in their own order, and how many were cut. */
function strongest(findings: readonly PlacedFinding[], limit: number): { kept: PlacedFinding[]; cut: number } {
  if (findings.length <= limit) return { kept: [...findings], cut: 0 };
  const rank = findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severityRank(a.f.severity) - severityRank(b.f.severity) ||
        (b.f.confidence ?? 0) - (a.f.confidence ?? 0) ||
        a.i - b.i,
    )
    .slice(0, limit)
    .map((x) => x.i)
    .sort((a, b) => a - b);
  return { kept: rank.map((i) => findings[i]!), cut: findings.length - limit };
}

function readCount(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}

function hasFindings(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['findings']);
}

function parse(text: string, ctx: PlaceContext, cap?: number): ParsedFindings {
  const extracted = extractJson(text, hasFindings);
  if ('error' in extracted) return { summary: '', findings: [], dropped: [], error: extracted.error };
  // A bare array is accepted as the findings list.
  const value = extracted.value;
  const answer = (Array.isArray(value) ? { findings: value } : value) as Record<string, unknown>;
  const rawFindings = answer['findings'] as unknown[];
  const placed: PlacedFinding[] = [];
  const dropped: DroppedItem[] = [];
  for (const raw of rawFindings) {
    const result = placeFinding(raw, ctx);
    if (result.finding) placed.push(result.finding);
    dropped.push(...result.dropped);
  }
  const summary = typeof answer['summary'] === 'string' ? answer['summary'].trim() : '';
  const suppressed = readSuppressedByRules(answer['suppressedByRules']);
  const { kept, cut } = cap === undefined ? { kept: placed, cut: 0 } : strongest(placed, cap);
  const omitted = readCount(answer['omitted']) + cut;
  return {
    summary,
    findings: assignIds(kept),
    dropped,
    ...(suppressed.length && { suppressedByRules: suppressed }),
    ...(omitted > 0 && { omitted }),
  };
}

export interface ExpertParseOptions {
  expertName: string;
  knownFiles: readonly KnownFile[];
  /** At most this many findings are kept (default MAX_FINDINGS_PER_EXPERT); the rest are counted in `omitted`. */
  maxFindings?: number;
}

/**
 * One expert's reply; every finding is credited to that expert, with its kind, confidence, quote and
 * tags when given, and no more than the cap (the strongest) kept.
 */
export function parseExpertFindings(text: string, options: ExpertParseOptions): ParsedFindings {
  return parse(
    text,
    { knownFiles: options.knownFiles, experts: () => [options.expertName] },
    options.maxFindings ?? MAX_FINDINGS_PER_EXPERT,
  );
}

export interface SynthesisParseOptions {
  knownFiles: readonly KnownFile[];
  /** The experts that ran; credited names are matched to these case-insensitively and others dropped. */
  expertNames: readonly string[];
}

/**
 * The synthesis reply: the judge's merged findings, each with the experts it credits (known names
 * only), the agreement that makes (how many of them) and the judge's re-scored confidence.
 */
export function parseSynthesisFindings(text: string, options: SynthesisParseOptions): ParsedFindings {
  const canonical = new Map(options.expertNames.map((n) => [n.trim().toLowerCase(), n]));
  const experts = (raw: RawFinding): string[] => {
    const given = Array.isArray(raw['experts']) ? raw['experts'] : [];
    const names = given
      .filter((n): n is string => typeof n === 'string')
      .map((n) => canonical.get(n.trim().toLowerCase()))
      .filter((n): n is string => n !== undefined);
    return [...new Set(names)];
  };
  const parsed = parse(text, { knownFiles: options.knownFiles, experts });
  return {
    ...parsed,
    findings: parsed.findings.map((f) => (f.experts.length ? { ...f, agreement: f.experts.length } : f)),
  };
}
