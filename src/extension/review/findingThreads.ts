// Findings as comment threads on the code (VS Code's stable Comments API): a view of the workspace's
// open findings (OpenFindings), one read-only thread per open finding with its severity, experts,
// confidence, explanation and fix as a diff, then the questions asked in it and their answers. The
// thread's title actions (package.json `comments/commentThread/title`) apply the fix or dismiss it; its
// reply box asks the file's chat (threadActions.ts). Threads are updated in place when the model
// changes (moved by edits, outdated, a new comment), so a re-review keeps the user's expanded threads.
import * as vscode from 'vscode';
import { imagesAsLinks, threadBody, threadLabel, type Finding } from '../../review';
import type { Subscription } from './changeEvent';
import { findingRange } from './findingsDiagnostics';
import type { OpenFinding, OpenFindings, ThreadComment } from './openFindings';

const THREADS_CONTROLLER_ID = 'claudeMultiAgent.findings';

interface Placed {
  thread: vscode.CommentThread;
  /** The open finding as last rendered, to touch only what changed. */
  shown: OpenFinding;
}

/** Model text is shown untrusted: no command links, no HTML, and images only as links (nothing remote is fetched). */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(imagesAsLinks(text), false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

const comment = (body: string, author: string): vscode.Comment => ({
  body: markdown(body),
  mode: vscode.CommentMode.Preview,
  author: { name: author },
});

const commentsOf = ({ finding, conversation }: OpenFinding): vscode.Comment[] => [
  comment(threadBody(finding), finding.experts.join(', ') || 'Claude Multi-Agent'),
  ...conversation.map((c: ThreadComment) => comment(c.body, c.author)),
];

export class FindingThreads implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController(THREADS_CONTROLLER_ID, 'Review findings');
  /** uri → finding id → its thread. */
  private readonly byUri = new Map<string, Map<string, Placed>>();
  private readonly subscription: Subscription;

  constructor(private readonly findings: OpenFindings) {
    // Threads are the review's, not a place to start new comments.
    this.controller.options = {
      prompt: 'Ask about this finding…',
      placeHolder: 'Your question goes to the file’s chat; the answer appears here.',
    };
    this.subscription = findings.onDidChange((change) => change.uris.forEach((uri) => this.render(uri)));
    for (const uri of findings.uris()) this.render(uri);
  }

  /** The finding a thread shows (thread actions get the thread). */
  findingOf(thread: vscode.CommentThread): { uri: vscode.Uri; finding: Finding } | undefined {
    const key = thread.uri.toString();
    const placed = [...(this.byUri.get(key)?.values() ?? [])].find((p) => p.thread === thread);
    const open = placed && this.findings.find(key, placed.shown.finding.id);
    return open && { uri: thread.uri, finding: open.finding };
  }

  /** Brings a file's threads in line with its open findings. */
  private render(uriString: string): void {
    const items = this.findings.shown(uriString);
    const placed = this.byUri.get(uriString) ?? new Map<string, Placed>();
    const ids = new Set(items.map((i) => i.finding.id));
    for (const [id, p] of placed) {
      if (ids.has(id)) continue;
      p.thread.dispose();
      placed.delete(id);
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriString);
    for (const item of items) {
      const existing = placed.get(item.finding.id);
      if (existing) this.update(existing, item, doc);
      else placed.set(item.finding.id, this.create(uriString, item, doc));
    }
    if (placed.size) this.byUri.set(uriString, placed);
    else this.byUri.delete(uriString);
  }

  private create(uriString: string, item: OpenFinding, doc: vscode.TextDocument | undefined): Placed {
    const thread = this.controller.createCommentThread(
      vscode.Uri.parse(uriString),
      findingRange(item.finding, doc),
      [],
    );
    thread.comments = commentsOf(item);
    thread.canReply = true;
    // The most severe are open on arrival; the rest wait in the gutter.
    thread.collapsibleState =
      !item.outdated && (item.finding.severity === 'critical' || item.finding.severity === 'high')
        ? vscode.CommentThreadCollapsibleState.Expanded
        : vscode.CommentThreadCollapsibleState.Collapsed;
    const placed = { thread, shown: item };
    this.label(placed);
    return placed;
  }

  /** Touches only what changed: each update of a thread goes to the renderer. */
  private update(placed: Placed, item: OpenFinding, doc: vscode.TextDocument | undefined): void {
    const was = placed.shown;
    placed.shown = item;
    if (was === item) return;
    if (was.finding.startLine !== item.finding.startLine || was.finding.endLine !== item.finding.endLine)
      placed.thread.range = findingRange(item.finding, doc);
    if (
      was.conversation.length !== item.conversation.length ||
      threadBody(was.finding) !== threadBody(item.finding) ||
      was.finding.experts.join() !== item.finding.experts.join()
    )
      placed.thread.comments = commentsOf(item);
    if (item.outdated && !was.outdated) placed.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
    if (item.outdated !== was.outdated || threadLabel(item.finding) !== threadLabel(was.finding)) this.label(placed);
  }

  /** Label and context (read by the `when` clauses of the thread's actions). */
  private label({ thread, shown }: Placed): void {
    thread.label = threadLabel(shown.finding, shown.outdated);
    thread.contextValue = [
      'finding',
      ...(shown.finding.suggestedFix && !shown.outdated ? ['hasFix'] : []),
      ...(shown.outdated ? ['outdated'] : []),
    ].join(' ');
  }

  dispose(): void {
    this.subscription.dispose();
    for (const file of this.byUri.values()) for (const placed of file.values()) placed.thread.dispose();
    this.byUri.clear();
    this.controller.dispose();
  }
}
