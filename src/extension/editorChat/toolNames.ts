// The review tools' names and input (package.json contributes.languageModelTools declares the same);
// loaded at activation, so it imports nothing.

export const REVIEW_TOOL = 'claudeMultiAgent_review';
export const EXPERT_TOOL = 'claudeMultiAgent_expertReview';

/** The input both tools accept (see their inputSchema in package.json). */
export interface ReviewToolInput {
  /** Workspace-relative or absolute paths; none means the active editor's selection or file. */
  files?: string[];
  /** A unified diff to review instead of files. */
  diff?: string;
  /** The uncommitted changes of the workspace. */
  changes?: boolean;
  /** EXPERT_TOOL only: the expert's name or id. */
  expert?: string;
}
