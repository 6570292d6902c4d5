// What every merged list of findings goes through before it is recorded, whichever way it was merged
// (synthesis, local merge, a re-merge after more experts): each suggested fix keeps the lines it
// replaces, each finding gets its fingerprint, and each quote is checked against the listing sent.
import { withEvidenceChecks } from './evidence';
import { withFingerprints } from './findingId';
import { listedLines, withSeenText } from './seenText';
import type { Finding } from './types';
import type { ChangedLines } from './visibility';

export interface SentCode {
  /** The shared block's code part: the numbered listings the experts cited from. */
  systemText: string;
  /** Diff scopes: the changed lines (a quote of only unchanged code needs stronger evidence). */
  changedLines?: ChangedLines;
  /** The project's rules block as sent (a quoted rule must be in it). */
  rulesText?: string;
}

export function finalFindings(findings: readonly Finding[], sent: SentCode): Finding[] {
  const placed = withFingerprints(withSeenText(findings, sent.systemText), sent.systemText);
  return withEvidenceChecks(placed, {
    listing: listedLines(sent.systemText),
    ...(sent.changedLines && { changedLines: sent.changedLines }),
    ...(sent.rulesText && { rulesText: sent.rulesText }),
  });
}
