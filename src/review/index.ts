// Review domain logic (no editor dependencies): context gathering, experts, findings, prompts, the
// fan-out and the pipeline every shell runs.
export * from './context';
export * from './experts';
export * from './findings';
export * from './prompts';
export * from './rules';
export * from './learnings';
export type { RunStatus } from './runStatus';
export { LiveCostMeter } from './liveCost';
export type { CacheStatus, LiveCost } from './liveCost';
export { runReview, SYNTHESIS_ID } from './runReview';
export type { ExpertRun, ReviewEvents, ReviewOutcome, ReviewRequest } from './runReview';
export * from './pipeline';
export * from './verify';
export * from './sweep';
export * from './pullRequest';
