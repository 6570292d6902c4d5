// What a finding's comment thread does beyond showing it, and where a re-review finds the last review:
// small adapters the review controller calls. The reply goes to the file's chat thread with the
// finding as context, and the answer is added to the comment thread (and shows in the chat view).
import * as vscode from 'vscode';
import type { Finding, PreviousReview } from '../../review';
import { replyInChat } from '../chat';
import type { FindingThreads } from './findingThreads';
import type { ReviewSnapshot } from './reviewSnapshot';

const isThread = (v: unknown): v is vscode.CommentThread =>
  typeof v === 'object' &&
  v !== null &&
  (v as { uri?: unknown }).uri instanceof vscode.Uri &&
  Array.isArray((v as { comments?: unknown }).comments);

/** The finding behind a thread action's argument (the thread itself, or a reply holding it). */
export function threadOf(
  threads: FindingThreads,
  arg: unknown,
): { uri: vscode.Uri; finding: Finding; thread: vscode.CommentThread } | undefined {
  const thread = isThread(arg)
    ? arg
    : isThread((arg as { thread?: unknown } | undefined)?.thread)
      ? (arg as vscode.CommentReply).thread
      : undefined;
  const found = thread && threads.findingOf(thread);
  return found && thread && { ...found, thread };
}

/** The question as the chat receives it: the finding quoted, then what the user asked. */
export function replyQuestion(finding: Finding, text: string): string {
  const lines =
    finding.startLine === finding.endLine
      ? `line ${finding.startLine}`
      : `lines ${finding.startLine}–${finding.endLine}`;
  const quote = [
    `> **${finding.title.trim()}** (${lines})`,
    ...finding.explanation
      .trim()
      .split('\n')
      .map((l) => `> ${l}`),
  ].join('\n');
  return `${quote}\n\n${text.trim()}`;
}

/** The reply box's button: asks the file's chat and adds the question and the answer to the thread. */
export async function replyToThread(threads: FindingThreads, arg: unknown): Promise<string | undefined> {
  const on = threadOf(threads, arg);
  const text = (arg as { text?: unknown } | undefined)?.text;
  if (!on || typeof text !== 'string' || !text.trim()) return undefined;
  threads.addComment(on.thread, text.trim(), 'You');
  const answer = await replyInChat(replyQuestion(on.finding, text), on.uri);
  threads.addComment(on.thread, answer?.trim() || '_No answer: see the chat view for why._', 'Claude');
  return answer;
}

/** The last finished review of the same target in this folder, as the pipeline's PreviousReview port. */
export function previousReviewOf(history: readonly ReviewSnapshot[], root: vscode.Uri): PreviousReview {
  return {
    findings: ({ title }) =>
      Promise.resolve(
        history.find((s) => s.title === title && s.rootUri === root.toString() && s.done?.status === 'completed')
          ?.findings,
      ),
  };
}
