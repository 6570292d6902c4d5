// Context gathering: what the user picked → one cacheable system block + what was left out.
export { gatherContext, pathRulesFor, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES } from './gatherContext';
export { boundedFs } from './boundedFs';
export { GROUP_FILL, splitIntoGroups, WALK_BUDGET_TOKENS } from './contextGroups';
export { pathExclusion, type PathRules } from './pathRules';
export { binaryReason, decodeText } from './contentChecks';
export { NothingToReviewError } from './errors';
export {
  describeCounts,
  leftOutLogText,
  summariseLeftOut,
  LEFT_OUT_SHOWN,
  NOT_REVIEWED_REASONS,
  notReviewedCount,
  type LeftOutSummary,
} from './leftOutSummary';
export { estimateTokens } from './tokens';
export { gatherProgressMessage } from './progressMessage';
export { parseUnifiedDiff, type DiffFile, type DiffHunk, type DiffLine } from './diffParser';
export { GitignoreRules } from './gitignoreRules';
export { noWorkspaceFs, type FsEntryType, type FsStat, type WorkspaceFs } from './workspaceFs';
export type {
  DiffTarget,
  ExcludedFile,
  ExclusionReason,
  GatheredContext,
  GatherInput,
  GatherProgress,
  GatherOptions,
  IncludedFile,
  Listing,
  PathsTarget,
  ReviewTarget,
  SelectionTarget,
} from './types';
