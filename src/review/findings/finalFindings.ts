// What every merged list of findings goes through before it is recorded, whichever way it was merged
// (synthesis, local merge, a re-merge after more experts): each suggested fix keeps the lines it
// replaces, each finding gets its fingerprint, and each quote is checked against the listing sent.
import { withEvidenceChecks, type EvidenceSources } from './evidence';
import { withFingerprints } from './findingId';
import { withSeenText } from './seenText';
import type { Finding } from './types';

/** What the experts were sent: the listing, a diff's changed lines, the rules block (a SharedBlock fits). */
export type SentCode = EvidenceSources;

export function finalFindings(findings: readonly Finding[], sent: SentCode): Finding[] {
  return withEvidenceChecks(withFingerprints(withSeenText(findings, sent.listing), sent.listing), sent);
}
