export * from './types';
export { EXPERT_FINDINGS_SCHEMA, SYNTHESIS_SCHEMA, VERIFICATION_SCHEMA } from './schemas';
export {
  MAX_FINDINGS_PER_EXPERT,
  parseExpertFindings,
  parseSynthesisFindings,
  type ExpertParseOptions,
  type SynthesisParseOptions,
} from './parseFindings';
export { resolveKnownPath } from './placeFinding';
export { combinedConfidence, fallbackMerge, similarTitles } from './fallbackMerge';
export { sortFindings, severityRank } from './sortFindings';
export { assignIds, kindOf, listingLookup, normaliseCode, withFingerprints, type CodeLookup } from './findingId';
export { findingsToMarkdown, type ExportedRules, type ReviewExport } from './markdownExport';
export { staleFixReason } from './fixStaleness';
export { mergeSuppressedByRules, readSuppressedByRules } from './suppressedByRules';
export { withSeenText } from './seenText';
export {
  expertMarkdown,
  findingsListMarkdown,
  toolFindings,
  type ExpertSummary,
  type ToolFindings,
} from './chatReport';
export {
  findingsToSarif,
  SARIF_FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
  type SarifExport,
  type SarifExpert,
} from './sarifExport';
export { isSecurityExpert } from './sarifRules';
export { relativeUri, repositoryPath } from './repositoryPaths';
export { findingsToJson, type JsonExport } from './jsonExport';
export { checkEvidence, withEvidenceChecks, type EvidenceSources } from './evidence';
export { finalFindings, type SentCode } from './finalFindings';
export {
  countHidden,
  hiddenReason,
  partitionFindings,
  touchesChangedLines,
  unchangedEvidenceBar,
  type ChangedLines,
  type HiddenFinding,
  type VisibilityRules,
  type VisibleFindings,
} from './visibility';
export { describeHidden, hiddenPhrase } from './hiddenSummary';
export { compareWithPrevious, reReviewSummary, type ReReview, type ReReviewScope } from './reReview';
export { followEdit, followEdits, moveFinding, type Position, type TextEdit, type TrackedRange } from './followEdits';
export { fixAsDiff, threadBody, threadLabel } from './threadText';
export { imagesAsLinks } from './imagesAsLinks';
export { markdownToPlainText } from './plainText';
export { findingsToRdjson, type RdjsonExport, type RdjsonResult, type RdjsonDiagnostic } from './rdjsonExport';
export { jobSummary, SUMMARY_MAX_ROWS, type JobSummaryInput } from './jobSummary';
