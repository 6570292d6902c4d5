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
  'claudeMultiAgent.previewFix',
  'claudeMultiAgent.dismissFinding',
  // A finding's comment thread (findingThreads.ts): its title actions and its reply box.
  'claudeMultiAgent.threadApplyFix',
  'claudeMultiAgent.threadPreviewFix',
  'claudeMultiAgent.threadDismiss',
  'claudeMultiAgent.threadReply',
  'claudeMultiAgent.addExpert',
  'claudeMultiAgent.stopExpert',
] as const;

export type ReviewCommand = (typeof REVIEW_COMMANDS)[number];

/** The review panel's view type: VS Code restores its panels after a reload (extension.ts's serializer). */
export const REVIEW_VIEW_TYPE = 'claudeMultiAgent.review';
