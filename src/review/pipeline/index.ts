// The review pipeline and its ports: what every shell runs (see reviewPipeline.ts).
export { runReviewPipeline } from './reviewPipeline';
export { MAX_CONTEXT_GROUPS } from './gatherGroups';
export { DEFAULT_REVIEW_SETTINGS, type ReviewDefaults } from './defaultSettings';
export type { ReviewPipelineInput, ReviewPipelineResult, ReviewStopReason } from './reviewPipeline';
export type {
  ApiAccess,
  DismissedFindings,
  ExpertProvider,
  FileSource,
  PreviousReview,
  ReviewListener,
  ReviewSettings,
  ReviewStore,
  RulesSource,
} from './ports';
export type { ReviewEvent } from './reviewEvents';
export { describeTargets, newReviewId, toRecord, withReReview } from './reviewRecord';
export type { ReviewPlan, ReviewRecord, ReviewSection } from './reviewRecord';
export {
  estimateReview,
  fileBlockText,
  formatEstimate,
  formatPriceRange,
  localEstimate,
  EXPERT_OUTPUT_TOKENS,
} from './estimate';
export type { EstimateShape, ReviewEstimate, ReviewEstimateInput } from './estimate';
export { overCapBefore, RunBudget } from './budget';
export type { BudgetLimits, CapName, SpendLedger } from './budget';
export { ExpertControls } from './expertControls';
export { FinishedReview } from './finishedReview';
export type { MoreExpertsResult, MoreExpertsRun } from './finishedReview';
export { readProjectRules } from './projectRules';
export { reviewedCodeOf, ReviewedCodeRegistry } from './reviewedCode';
export type { ReviewedCode } from './reviewedCode';
