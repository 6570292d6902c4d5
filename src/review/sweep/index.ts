export {
  runSweep,
  mergeSweep,
  type SweepInput,
  type SweepOutcome,
  type SweepGroupOutcome,
  type SweepProgress,
} from './runSweep';
export type { SweepGroup, SweepScope, SweepState, SweepStateStore } from './sweepState';
export { changedFiles, contentHashes, describeScope, hashText, sweepKey, sweepScope } from './sweepKey';
export { sweepAsReview, type SweepAsReview, type SweepReviewInput } from './sweepReview';
