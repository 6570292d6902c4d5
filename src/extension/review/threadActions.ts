// What a finding's comment thread does beyond showing it: the reply box asks the file's chat with the
// finding as context, and the question and the answer join the finding's conversation in the open
// findings (so they stay through a re-review and a reload, and show in the chat view too).
import * as vscode from 'vscode';
import type { Finding } from '../../review';
import { replyInChat } from '../chat';
import type { FindingThreads } from './findingThreads';
import type { OpenFindings } from './openFindings';

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
function replyQuestion(finding: Finding, text: string): string {
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

/** The reply box's button: asks the file's chat; the question and the answer join the finding's conversation. */
export async function replyToThread(
  findings: OpenFindings,
  threads: FindingThreads,
  arg: unknown,
): Promise<string | undefined> {
  const on = threadOf(threads, arg);
  const text = (arg as { text?: unknown } | undefined)?.text;
  if (!on || typeof text !== 'string' || !text.trim()) return undefined;
  const key = on.uri.toString();
  findings.addComment(key, on.finding.id, { author: 'You', body: text.trim() });
  const answer = await replyInChat(replyQuestion(on.finding, text), on.uri);
  findings.addComment(key, on.finding.id, {
    author: 'Claude',
    body: answer?.trim() || '_No answer: see the chat view for why._',
  });
  return answer;
}
