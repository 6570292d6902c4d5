// Findings as comment threads on the code (VS Code's stable Comments API), beside their diagnostics:
// one read-only thread per shown finding with its severity, experts, confidence, explanation and fix
// as a diff. The thread's title actions (package.json `comments/commentThread/title`) apply the fix or
// dismiss it; its reply box asks the file's chat, and the answer is added to the thread. Threads
// follow edits and turn "outdated" when their code changes (review/findings/followEdits.ts).
import * as vscode from 'vscode';
import { imagesAsLinks, moveFinding, threadBody, threadLabel, type Finding, type TextEdit } from '../../review';
import { lineLengthBefore } from './editTracking';
import { findingRange } from './findingsDiagnostics';

export const THREADS_CONTROLLER_ID = 'claudeMultiAgent.findings';

interface Placed {
  uri: vscode.Uri;
  finding: Finding;
  thread: vscode.CommentThread;
  outdated: boolean;
}

/** Model text is shown untrusted: no command links, no HTML, and images only as links (nothing remote is fetched). */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(imagesAsLinks(text), false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

const comment = (body: string, author: string, label?: string): vscode.Comment => ({
  body: markdown(body),
  mode: vscode.CommentMode.Preview,
  author: { name: author },
  ...(label !== undefined && { label }),
});

export class FindingThreads implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController(THREADS_CONTROLLER_ID, 'Review findings');
  /** uri → finding id → its thread. */
  private readonly byUri = new Map<string, Map<string, Placed>>();

  constructor() {
    // Threads are the review's, not a place to start new comments.
    this.controller.options = {
      prompt: 'Ask about this finding…',
      placeHolder: 'Your question goes to the file’s chat; the answer appears here.',
    };
  }

  /** Replaces the threads of every file the review covered with one per shown finding. */
  show(root: vscode.Uri, reviewedFiles: readonly string[], findings: readonly Finding[]): void {
    for (const file of new Set([...reviewedFiles, ...findings.map((f) => f.file)])) {
      const uri = vscode.Uri.joinPath(root, file);
      this.clearFile(uri);
      for (const f of findings.filter((x) => x.file === file)) this.add(uri, f);
    }
  }

  add(uri: vscode.Uri, finding: Finding, outdated = false): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const thread = this.controller.createCommentThread(uri, findingRange(finding, doc), []);
    const placed: Placed = { uri, finding, thread, outdated };
    thread.comments = [comment(threadBody(finding), finding.experts.join(', ') || 'Claude Multi-Agent')];
    thread.canReply = true;
    this.render(placed);
    // The most severe are open on arrival; the rest wait in the gutter.
    thread.collapsibleState =
      !outdated && (finding.severity === 'critical' || finding.severity === 'high')
        ? vscode.CommentThreadCollapsibleState.Expanded
        : vscode.CommentThreadCollapsibleState.Collapsed;
    const file = this.byUri.get(uri.toString()) ?? new Map<string, Placed>();
    file.get(finding.id)?.thread.dispose();
    file.set(finding.id, placed);
    this.byUri.set(uri.toString(), file);
  }

  remove(uri: vscode.Uri, findingId: string): void {
    const file = this.byUri.get(uri.toString());
    file?.get(findingId)?.thread.dispose();
    file?.delete(findingId);
  }

  /** The finding a thread shows (thread actions get the thread). */
  findingOf(thread: vscode.CommentThread): { uri: vscode.Uri; finding: Finding } | undefined {
    const placed = [...(this.byUri.get(thread.uri.toString())?.values() ?? [])].find((p) => p.thread === thread);
    return placed && { uri: placed.uri, finding: placed.finding };
  }

  /** The finding as it now stands (moved by edits), by id. */
  find(uri: vscode.Uri, findingId: string): Finding | undefined {
    return this.byUri.get(uri.toString())?.get(findingId)?.finding;
  }

  /** Adds a question and, when it comes, its answer to the thread. */
  addComment(thread: vscode.CommentThread, body: string, author: string): void {
    thread.comments = [...thread.comments, comment(body, author)];
  }

  /** Moves the document's threads with an edit; a thread whose code was edited turns outdated and folds. */
  follow(doc: vscode.TextDocument, edits: readonly TextEdit[]): void {
    const file = this.byUri.get(doc.uri.toString());
    if (!file?.size || !edits.length) return;
    for (const placed of file.values()) {
      const moved = moveFinding(placed.finding, edits, lineLengthBefore(doc, placed.finding.endLine - 1, edits));
      const becameOutdated = moved.outdated && !placed.outdated;
      const shifted =
        moved.finding.startLine !== placed.finding.startLine || moved.finding.endLine !== placed.finding.endLine;
      placed.finding = moved.finding;
      placed.outdated ||= moved.outdated;
      // Typing inside a line moves nothing: the thread is left alone (each update goes to the renderer).
      if (shifted) placed.thread.range = findingRange(placed.finding, doc);
      if (becameOutdated) {
        placed.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        this.render(placed);
      }
    }
  }

  /** Label and context (read by the `when` clauses of the thread's actions). */
  private render(placed: Placed): void {
    placed.thread.label = threadLabel(placed.finding, placed.outdated);
    placed.thread.contextValue = [
      'finding',
      ...(placed.finding.suggestedFix && !placed.outdated ? ['hasFix'] : []),
      ...(placed.outdated ? ['outdated'] : []),
    ].join(' ');
  }

  private clearFile(uri: vscode.Uri): void {
    for (const placed of this.byUri.get(uri.toString())?.values() ?? []) placed.thread.dispose();
    this.byUri.delete(uri.toString());
  }

  clear(): void {
    for (const file of this.byUri.values()) for (const placed of file.values()) placed.thread.dispose();
    this.byUri.clear();
  }

  dispose(): void {
    this.clear();
    this.controller.dispose();
  }
}
