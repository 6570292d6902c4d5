// Which findings a review shows and which it keeps back (and why): one rule for the panel, Problems,
// comment threads, exports and the command line, so every surface counts the same hidden findings.
import type { Finding, HiddenReason } from './types';

/** Line ranges (1-based, inclusive) that a diff scope changed, per workspace-relative file. */
export type ChangedLines = ReadonlyMap<string, ReadonlyArray<{ startLine: number; endLine: number }>>;

export interface VisibilityRules {
  /** Findings below this confidence are hidden (findings without a confidence are kept). */
  minConfidence?: number;
  /**
   * For diff scopes with changedLinesOnly: findings that touch none of these lines are hidden, so are
   * those whose quote is all unchanged code below a raised bar, and those the experts tag pre-existing.
   */
  changedLines?: ChangedLines;
  /** Fingerprints (finding ids) the user dismissed in this workspace. */
  dismissed?: ReadonlySet<string>;
}

export interface HiddenFinding {
  finding: Finding;
  reason: HiddenReason;
}

export interface VisibleFindings {
  shown: Finding[];
  hidden: HiddenFinding[];
}

/** Whether a finding's lines overlap a changed range of its file. */
export function touchesChangedLines(finding: Finding, changed: ChangedLines): boolean {
  const ranges = changed.get(finding.file) ?? [];
  return ranges.some((r) => finding.startLine <= r.endLine && r.startLine <= finding.endLine);
}

/**
 * A finding whose lines touch the change but whose quoted code is all unchanged needs stronger
 * evidence: a confidence this far above the threshold, and at least MIN_UNCHANGED_EVIDENCE_CONFIDENCE.
 */
export const UNCHANGED_EVIDENCE_MARGIN = 15;
export const MIN_UNCHANGED_EVIDENCE_CONFIDENCE = 85;

export const unchangedEvidenceBar = (minConfidence: number | undefined): number =>
  Math.min(100, Math.max(MIN_UNCHANGED_EVIDENCE_CONFIDENCE, (minConfidence ?? 0) + UNCHANGED_EVIDENCE_MARGIN));

/** On the change by its lines, but about unchanged code by its quote, and not sure enough for that. */
function anchoredOutsideChanges(finding: Finding, rules: VisibilityRules): boolean {
  const check = finding.evidenceCheck;
  if (check?.verdict !== 'supported' || check.inChangedLines !== false) return false;
  return (finding.confidence ?? 0) < unchangedEvidenceBar(rules.minConfidence);
}

/**
 * The first reason that applies, strongest first: the user's own word, then a quote that is not in
 * the code it cites, then scope (outside the changed lines, pre-existing), then the verifier, then
 * confidence.
 */
export function hiddenReason(finding: Finding, rules: VisibilityRules): HiddenReason | undefined {
  if (rules.dismissed?.has(finding.id)) return 'dismissed';
  if (finding.evidenceCheck?.verdict === 'unsupported') return 'unsupported';
  if (rules.changedLines) {
    if (!touchesChangedLines(finding, rules.changedLines) || anchoredOutsideChanges(finding, rules))
      return 'outsideChanges';
    if (finding.preExisting) return 'preExisting';
  }
  if (finding.verification?.verdict === 'refuted') return 'refuted';
  if (rules.minConfidence !== undefined && finding.confidence !== undefined && finding.confidence < rules.minConfidence)
    return 'lowConfidence';
  return undefined;
}

export function partitionFindings(findings: readonly Finding[], rules: VisibilityRules): VisibleFindings {
  const shown: Finding[] = [];
  const hidden: HiddenFinding[] = [];
  for (const finding of findings) {
    const reason = hiddenReason(finding, rules);
    if (reason) hidden.push({ finding, reason });
    else shown.push(finding);
  }
  return { shown, hidden };
}

/** "9 low-confidence findings hidden" parts, in a fixed order, counting each reason. */
export function countHidden(hidden: readonly HiddenFinding[]): Array<{ reason: HiddenReason; count: number }> {
  const order: HiddenReason[] = [
    'lowConfidence',
    'unsupported',
    'refuted',
    'preExisting',
    'outsideChanges',
    'dismissed',
  ];
  return order
    .map((reason) => ({ reason, count: hidden.filter((h) => h.reason === reason).length }))
    .filter((c) => c.count > 0);
}
