// The conventional instruction files other review tools read, by kind. Each kind says where its
// files live; which reviewed files a file covers is decided in scope.ts.

export type RulesKind = 'claude' | 'agents' | 'review' | 'copilot' | 'copilotScoped' | 'cursor';

/** Every kind, in the order their files go into the prompt (broad project rules first). */
export const RULES_KINDS: readonly RulesKind[] = ['review', 'claude', 'agents', 'copilot', 'copilotScoped', 'cursor'];

/** Kinds read in the workspace root and in every folder above a reviewed file (nearest last). */
export const NESTED_FILE_NAMES: ReadonlyArray<[RulesKind, string]> = [
  ['claude', 'CLAUDE.md'],
  ['agents', 'AGENTS.md'],
];

/** Kinds that are one file at a fixed place in the root. */
export const ROOT_FILES: ReadonlyArray<[RulesKind, string]> = [
  ['review', 'REVIEW.md'],
  ['copilot', '.github/copilot-instructions.md'],
];

/** Kinds that are every matching file of one root folder; their front matter scopes them. */
export const SCOPED_FOLDERS: ReadonlyArray<[RulesKind, string, string]> = [
  ['copilotScoped', '.github/instructions', '.instructions.md'],
  ['cursor', '.cursor/rules', '.mdc'],
];

export const isRulesKind = (value: unknown): value is RulesKind =>
  typeof value === 'string' && (RULES_KINDS as readonly string[]).includes(value);
