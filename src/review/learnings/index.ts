// Learnings: dismissed findings remembered as rules in the repository's REVIEW.md, where the team reviews them.
export {
  DISMISS_REASONS,
  draftLearning,
  learningCovers,
  parseLearning,
  quotedCode,
  type DismissReason,
  type LearnedRule,
} from './draftLearning';
export { describePreview, previewLearning, type LearningPreview } from './learningPreview';
export {
  applyInsertion,
  learningInsertion,
  LEARNINGS_FILE,
  LEARNINGS_HEADING,
  type LearningInsertion,
} from './learningsSection';
