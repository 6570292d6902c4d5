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
] as const;

export type ReviewCommand = (typeof REVIEW_COMMANDS)[number];
