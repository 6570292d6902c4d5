/** The commands of the review feature; activation registers them without loading the feature itself. */
export const REVIEW_COMMANDS = [
  'claudeMultiAgent.review',
  'claudeMultiAgent.reviewChanges',
  'claudeMultiAgent.reviewStaged',
  'claudeMultiAgent.reviewBranch',
  'claudeMultiAgent.reviewCommit',
  'claudeMultiAgent.clearFindings',
  'claudeMultiAgent.selectExperts',
  'claudeMultiAgent.reopenReview',
  'claudeMultiAgent.exportReview',
  'claudeMultiAgent.applyFix',
  'claudeMultiAgent.dismissFinding',
  // A finding's comment thread (findingThreads.ts): its title actions and its reply box.
  'claudeMultiAgent.threadApplyFix',
  'claudeMultiAgent.threadDismiss',
  'claudeMultiAgent.threadReply',
  'claudeMultiAgent.addExpert',
  'claudeMultiAgent.stopExpert',
] as const;

export type ReviewCommand = (typeof REVIEW_COMMANDS)[number];
