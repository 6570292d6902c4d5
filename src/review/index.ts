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
export { fanOutExperts, SYNTHESIS_ID } from './fanOut';
export type { ExpertRun, FanOutRequest, ReviewOutcome } from './fanOut';
export { sharedBlock } from './sharedBlock';
export type { SharedBlock } from './sharedBlock';
export * from './pipeline';
export * from './verify';
export * from './sweep';
export * from './pullRequest';
export { expertLanes, laneSections, MAX_PASSES, passSectionId, REPEATED_EXPERTS } from './passes';
export { expertOfLane, expertsOfLanes, isExpertLane } from './pipeline/groupRuns';
export type { ExpertLane } from './passes';
