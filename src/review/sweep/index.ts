export {
  runSweep,
  mergeSweep,
  type SweepInput,
  type SweepOutcome,
  type SweepGroupOutcome,
  type SweepProgress,
} from './runSweep';
export { splitIntoGroups } from './sweepGroups';
export type { SweepGroup, SweepState, SweepStateStore } from './sweepState';
