export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Most severe first; also the sort order of findings. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface SuggestedFix {
  /** Text that replaces lines startLine..endLine (whole lines, no trailing newline needed). */
  replacement: string;
  startLine: number;
  endLine: number;
  /**
   * Lines startLine..endLine as the experts were shown them (joined with "\n"), recorded when the
   * finding is produced: a fix is applied only while the file still holds exactly this text.
   */
  seen?: string;
}

export interface Finding {
  /** A fingerprint of its file, the code it points at and its kind: stable when lines move (see findingId). */
  id: string;
  /** Workspace-relative path with forward slashes, as in the context's files. */
  file: string;
  startLine: number;
  endLine: number;
  severity: Severity;
  title: string;
  explanation: string;
  suggestedFix?: SuggestedFix;
  /** Display names of the experts who raised it. */
  experts: string[];
  /** What kind of problem it is ("sql-injection", "off-by-one"…), short and lower-case; part of its fingerprint. */
  kind?: string;
  /** How sure the experts (after synthesis: the judge) are that it is real, 0-100. */
  confidence?: number;
  /** How many experts raised it, as the synthesis judge counted them. */
  agreement?: number;
  /** The verify pass's verdict, when it ran for this finding. */
  verification?: FindingVerification;
  /** The code the finding is about, quoted by the expert from the lines it cites. */
  evidence?: string;
  /** What the mechanical check of `evidence` against the listing sent found (see evidence.ts). */
  evidenceCheck?: EvidenceCheck;
  /** A project-rules violation: the rule it breaks, quoted from the rules file. */
  rule?: string;
  /** Diff scopes: the expert says the problem was there before the change (kept apart as pre-existing). */
  preExisting?: boolean;
  /** Experts run more than once (review.passes): in how many of an expert's passes it was raised. */
  passes?: { raised: number; of: number };
}

/**
 * The quote checked against the listing the experts were shown. Supported: it is in the cited lines
 * (`inChangedLines`, for diff scopes: whether any line it quotes was changed). Unsupported: it is not,
 * or the rule it quotes is not in the project's rules; the finding is then hidden as unsupported.
 */
export type EvidenceCheck =
  { verdict: 'supported'; inChangedLines?: boolean } | { verdict: 'unsupported'; reason: string };

/** Why a verifier may refute: the only grounds it is given (on anything else, it confirms). */
export const REFUTE_GROUNDS = [
  'guarded',
  'same-principal',
  'unreachable',
  'throwaway',
  'pre-existing',
  'misread',
] as const;
export type RefuteGround = (typeof REFUTE_GROUNDS)[number];

/** A verifier's answer about one finding, reading the same cached code. */
export interface FindingVerification {
  verdict: 'confirmed' | 'refuted' | 'unverified';
  reason: string;
  /** A refuted finding: on which ground. */
  ground?: RefuteGround;
}

/** Why a finding is kept out of the list, Problems and threads (it is counted, and shown on demand). */
export type HiddenReason = 'dismissed' | 'unsupported' | 'outsideChanges' | 'preExisting' | 'refuted' | 'lowConfidence';

/** What the experts were shown, path → line number → text (the context's Listing fits this shape). */
export type ShownLines = ReadonlyMap<string, ReadonlyMap<number, string>>;

/** A range the experts were shown; GatheredContext.files entries fit this shape. */
export interface KnownFile {
  path: string;
  startLine: number;
  endLine: number;
}

/** Something in a model's answer that could not be placed; shown as "2 findings could not be placed". */
export interface DroppedItem {
  what: 'finding' | 'suggestedFix';
  title: string;
  file?: string;
  reason: string;
}

/** Findings an expert left out because a project rules file allows the code (see src/review/rules). */
export interface SuppressedByRule {
  /** The rules file, workspace-relative; '' when the expert did not say which. */
  file: string;
  count: number;
}

export interface ParsedFindings {
  summary: string;
  findings: Finding[];
  dropped: DroppedItem[];
  /** Only when the expert reported any. */
  suppressedByRules?: SuppressedByRule[];
  /** Findings left out over the per-expert cap: the expert's own count plus any cut when parsing. */
  omitted?: number;
  /** Set when no usable JSON was found at all (findings is then empty). */
  error?: string;
}

/** One expert's finished run, as the orchestrator records it. */
export interface ExpertResult {
  expertId: string;
  expertName: string;
  summary: string;
  findings: Finding[];
  /** The model's reply as received, for the export appendix. */
  rawText: string;
  dropped?: DroppedItem[];
  suppressedByRules?: SuppressedByRule[];
  /** Weaker findings left out over the per-expert cap (MAX_FINDINGS_PER_EXPERT), counted. */
  omitted?: number;
  /** Set when the run failed or was cancelled. */
  error?: string;
}

/** What synthesis (or its fallback) produces. */
export interface MergedFindings {
  summary: string;
  findings: Finding[];
}
