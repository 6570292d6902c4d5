import { RULES_KINDS, type RulesKind } from './kinds';

/** A rules file that went into the prompt. */
export interface UsedRulesFile {
  /** Workspace-relative, forward slashes. */
  path: string;
  /** 'extra' for a path the user added in the settings. */
  kind: RulesKind | 'extra';
  /** Estimated tokens of its part of the rules block. */
  tokens: number;
  /** The globs that made a scoped file apply, when it has them. */
  globs?: string[];
}

export type RulesLeftOutReason = 'budget' | 'policy' | 'scope' | 'too-large' | 'unreadable';

/** A rules file that was found but not sent, with why in words. */
export interface LeftOutRulesFile {
  path: string;
  reason: RulesLeftOutReason;
  detail: string;
}

/** What the project's own rules contribute to a review. */
export interface ProjectRules {
  /** The rules block for the shared system prompt; '' when no file was used. */
  systemText: string;
  files: UsedRulesFile[];
  leftOut: LeftOutRulesFile[];
  /** estimateTokens(systemText). */
  tokens: number;
  /** True when nothing was read because the workspace is not trusted. */
  untrusted?: boolean;
  /** Where the files were read when not from the folder: a diff's base ("the merge-base abc1234"). */
  readAt?: string;
  /** Rules files the change under review touches: reviewed as code, not applied. */
  changed?: string[];
}

/** Which rules files a review reads; the editor's settings of the same names fit as they are. */
export interface RulesSettings {
  /** The kinds to read (all by default). */
  kinds: readonly RulesKind[];
  /** More workspace-relative files to read as rules. */
  extraPaths: readonly string[];
  /** Approximate token budget for the rules block, apart from the code's. */
  budgetTokens: number;
}

export const NO_PROJECT_RULES: ProjectRules = { systemText: '', files: [], leftOut: [], tokens: 0 };

/** Every kind, no extra paths, and room for a few pages of rules beside the code's budget. */
export const DEFAULT_RULES_SETTINGS: RulesSettings = { kinds: RULES_KINDS, extraPaths: [], budgetTokens: 6000 };

/** What a review shows and keeps of its rules: the files used with their tokens, and those left out. */
export type RulesSummary = Omit<ProjectRules, 'systemText'>;

export const summariseRules = ({ systemText: _text, ...summary }: ProjectRules): RulesSummary => summary;
