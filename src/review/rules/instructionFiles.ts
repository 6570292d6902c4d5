// The project's instruction files as paths: the rules files of every kind (CLAUDE.md, AGENTS.md,
// REVIEW.md, Copilot's and Cursor's, the paths review.extraRulesFiles adds), Cursor's older
// `.cursorrules`, and Claude Code's agent definitions (`.claude/agents/*.md`). They are context for
// the experts, not code under review: a workspace walk that asks for it (a sweep) leaves them out of
// its file list, and the rules among them still reach the prompt as rules.
import { baseName, parentFolder } from '../../policy';
import { isRulesFilePath } from './changedRules';
import { RULES_KINDS } from './kinds';

/** Rules files outside the kinds a review reads, still instructions for an agent rather than code. */
const OTHER_RULES_FILES = ['.cursorrules'];

/** Why a workspace-relative file is an instruction file (in words), or undefined when it is code. */
export function instructionFileReason(path: string, extraPaths: readonly string[] = []): string | undefined {
  const name = baseName(path);
  // Every kind, whichever the settings read: a kind switched off is still instructions, not code.
  if (isRulesFilePath(path, { kinds: RULES_KINDS, extraPaths, budgetTokens: 0 }) || OTHER_RULES_FILES.includes(path))
    return `${name} is a rules file: read as the project's rules, not reviewed as code`;
  if (parentFolder(path).toLowerCase() === '.claude/agents' && name.toLowerCase().endsWith('.md'))
    return `${name} is an agent definition (.claude/agents): context for the experts, not reviewed as code`;
  return undefined;
}
