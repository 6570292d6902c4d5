// What `@experts` keeps in each reply and suggests after it. Loaded at activation (the participant's
// follow-up provider), so it imports nothing heavy.
import type * as vscode from 'vscode';

/** Kept in each reply so the next question continues the same file's thread. */
export interface ExpertsMetadata {
  /** URI string of the file whose thread a plain question continues. */
  file?: string;
  reviewId?: string;
}

/**
 * A follow-up with no slash command. VS Code sends a follow-up whose `command` is undefined with the
 * command of the request it follows (`followup.command ?? request.command`), so "Which finding first?"
 * under a `/review` answer ran a whole new review; an empty command is a plain question, which goes to
 * the reviewed file's thread, where the review's findings are.
 */
export const NO_COMMAND = '';

/** Suggested next prompts after a reply. */
export function expertsFollowups(result: vscode.ChatResult): vscode.ChatFollowup[] {
  const metadata = result.metadata as ExpertsMetadata | undefined;
  if (!metadata?.reviewId) return [];
  return [
    { prompt: 'Which finding should I fix first, and how?', label: 'Which finding first?', command: NO_COMMAND },
    { prompt: 'Review my uncommitted changes', command: 'changes', label: 'Review uncommitted changes' },
  ];
}
