// Context gathering: what the user picked → one cacheable system block + what was left out.
export { gatherContext, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES } from './gatherContext';
export { NothingToReviewError } from './errors';
export { describeCounts, leftOutLogText, summariseLeftOut, LEFT_OUT_SHOWN, type LeftOutSummary } from './leftOutSummary';
export { estimateTokens } from './tokens';
export { gatherProgressMessage } from './progressMessage';
export { nodeWorkspaceFs } from './nodeWorkspaceFs';
export { findSecret, redactSecrets, type SecretMatch } from './secretContent';
export { parseUnifiedDiff, type DiffFile, type DiffHunk, type DiffLine } from './diffParser';
export type { FsEntryType, FsStat, WorkspaceFs } from './workspaceFs';
export type {
  DiffTarget,
  ExcludedFile,
  ExclusionReason,
  GatheredContext,
  GatherInput,
  GatherProgress,
  GatherOptions,
  IncludedFile,
  PathsTarget,
  ReviewTarget,
  SelectionTarget,
} from './types';
