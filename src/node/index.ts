// Node-only adapters shared by the shells (the extension host and a command line): node:fs, git,
// files on disk, and the review pipeline wired to them.
export { nodeWorkspaceFs } from './nodeWorkspaceFs';
export { uncommittedDiff } from './gitChanges';
export { scopeDiff, scopeTitle, type GitScope } from './gitScopes';
export { jsonFileStore } from './jsonFileStore';
export { reviewOnNode, NODE_REVIEW_SETTINGS, type NodeReviewInput } from './nodeReview';
export { readGlobalGitExcludes, type GlobalExcludesEnv } from './globalGitExcludes';
export { readAgentExperts } from './agentFiles';
export { checkedBaseUrl } from './endpoint';
export { sweepStateFile } from './sweepStateFile';
