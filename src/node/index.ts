// Node-only adapters shared by the shells (the extension host and a command line): node:fs, git,
// files on disk, and the review pipeline wired to them.
export { nodeWorkspaceFs } from './nodeWorkspaceFs';
export { uncommittedDiff } from './gitChanges';
export { resolveScope, type GitScope, type ScopeDiff } from './gitScopes';
export { defaultBase, listBranches, recentCommits, type Branches, type RecentCommit } from './gitRefs';
export { jsonFileStore } from './jsonFileStore';
export { repositoryGit } from './repoGit';
export type { GitRunner } from './safeGit';
export { reviewOnNode, type NodeReviewInput } from './nodeReview';
export { readGlobalGitExcludes, type GlobalExcludesEnv } from './globalGitExcludes';
export { readAgentExperts } from './agentFiles';
export { checkedBaseUrl } from './endpoint';
export { cacheHome, sweepCacheFolder } from './cacheFolder';
export { sweepStateFile, sweepStateFolder, SweepStateConflict, type SweepStateFolder } from './sweepStateFile';
export { repositoryLocation, type RepositoryLocation } from './repositoryRoot';
export {
  GithubApiError,
  GithubSetupError,
  openPullRequest,
  publishGithubReview,
  pullRequestTarget,
  type GithubReviewOutcome,
  type OpenPullRequest,
} from './github';
export { createTransport, redactUserinfo, type Transport } from './httpTransport';
export { needsTransport, type TransportOptions } from './transportOptions';
