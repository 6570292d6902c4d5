// Review domain logic (no editor dependencies): context gathering, experts, findings, prompts, the
// fan-out and the pipeline every shell runs.
export * from './context';
export * from './experts';
export * from './findings';
export * from './prompts';
export type { RunStatus } from './runStatus';
export { reviewCostCeiling, type CostCeilingInput } from './costCeiling';
export { runReview, SYNTHESIS_ID } from './runReview';
export type { ExpertRun, ReviewEvents, ReviewOutcome, ReviewRequest } from './runReview';
export * from './pipeline';
