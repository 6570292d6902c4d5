// Turns a model's reply into placed findings plus a list of what could not be placed.
import { extractJson } from './extractJson';
import { assignIds } from './findingId';
import { placeFinding, type PlaceContext, type PlacedFinding, type RawFinding } from './placeFinding';
import { readSuppressedByRules } from './suppressedByRules';
import type { DroppedItem, KnownFile, ParsedFindings } from './types';

function hasFindings(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['findings']);
}

function parse(text: string, ctx: PlaceContext): ParsedFindings {
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
  return { summary, findings: assignIds(placed), dropped, ...(suppressed.length && { suppressedByRules: suppressed }) };
}

export interface ExpertParseOptions {
  expertName: string;
  knownFiles: readonly KnownFile[];
}

/** One expert's reply; every finding is credited to that expert, with its kind and confidence when given. */
export function parseExpertFindings(text: string, options: ExpertParseOptions): ParsedFindings {
  return parse(text, { knownFiles: options.knownFiles, experts: () => [options.expertName] });
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
