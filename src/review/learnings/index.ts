// Learnings: dismissed findings remembered as rules in the repository's REVIEW.md, where the team reviews them.
export { DISMISS_REASONS, draftLearning, type DismissReason } from './draftLearning';
export {
  applyInsertion,
  learningInsertion,
  LEARNINGS_FILE,
  LEARNINGS_HEADING,
  type LearningInsertion,
} from './learningsSection';
