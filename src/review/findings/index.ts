export * from './types';
export { EXPERT_FINDINGS_SCHEMA, SYNTHESIS_SCHEMA, jsonSchemaOutputConfig } from './schemas';
export { parseExpertFindings, parseSynthesisFindings, type ExpertParseOptions, type SynthesisParseOptions } from './parseFindings';
export { resolveKnownPath } from './placeFinding';
export { fallbackMerge, similarTitles } from './fallbackMerge';
export { sortFindings, severityRank } from './sortFindings';
export { assignIds } from './findingId';
export { findingsToMarkdown, type ReviewExport } from './markdownExport';
