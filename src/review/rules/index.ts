// The project's own instruction files (CLAUDE.md, REVIEW.md, Copilot's and Cursor's rules) as review context.
export { discoverProjectRules, MAX_RULES_FILE_BYTES, type RulesInput } from './discoverRules';
export { isRulesKind, RULES_KINDS, type RulesKind } from './kinds';
export { readFrontMatter, globList } from './frontMatter';
export { changedRulesFiles, isRulesFilePath } from './changedRules';
export { instructionFileReason } from './instructionFiles';
export { renderChangedRulesNote } from './renderRules';
export {
  DEFAULT_RULES_SETTINGS,
  NO_PROJECT_RULES,
  summariseRules,
  type RulesSummary,
  type LeftOutRulesFile,
  type ProjectRules,
  type RulesLeftOutReason,
  type RulesSettings,
  type UsedRulesFile,
} from './types';
