// The review pipeline and its ports: what every shell runs (see reviewPipeline.ts).
export { runReviewPipeline } from './reviewPipeline';
export type { ReviewPipelineInput, ReviewPipelineResult, ReviewStopReason } from './reviewPipeline';
export type { ApiAccess, ExpertProvider, FileSource, ReviewListener, ReviewSettings, ReviewStore } from './ports';
export type { ReviewEvent } from './reviewEvents';
export { describeTargets, newReviewId, toRecord } from './reviewRecord';
export type { ReviewPlan, ReviewRecord, ReviewSection } from './reviewRecord';
