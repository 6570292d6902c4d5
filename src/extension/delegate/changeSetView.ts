// Where the delegation's change set is reviewed: VS Code's multi-file diff editor (each file on disk, or
// an empty document for a new one, beside its proposed text, served read-only under our own scheme) and
// a "Delegation changes" view listing the files still to review, with Accept / Discard per file (inline,
// and in a proposed file's diff title bar) and for all (the view's title bar).
import * as vscode from 'vscode';
import { proposedText } from '../../delegate';
import { CHANGE_COMMANDS, type ChangeCommand } from './changeCommands';
import type { ChangeSetReview, ReviewFile } from './changeSetReview';
import { currentText } from './fileEdit';

export const PROPOSED_SCHEME = 'claude-delegation';
export const CHANGES_VIEW = 'claudeMultiAgent.delegationChanges';
/** Context key: a change set has been opened in this window (shows the view). */
const HAS_CHANGES = 'claudeMultiAgent.hasDelegationChanges';

export class DelegationChanges implements vscode.Disposable, vscode.TreeDataProvider<string> {
  private review: ChangeSetReview | undefined;
  /** Bumped per change set, in the URIs, so a later run's documents are never an earlier run's cache. */
  private generation = 0;
  private readonly treeChanged = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.treeChanged.event;
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly view: vscode.TreeView<string>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.view = vscode.window.createTreeView(CHANGES_VIEW, { treeDataProvider: this });
    this.disposables.push(
      this.view,
      vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, {
        onDidChange: this.contentChanged.event,
        provideTextDocumentContent: (uri) => this.content(uri),
      }),
    );
  }

  /** Runs one of the change set's commands (registered at activation, forwarded here). */
  async run(command: ChangeCommand, arg: unknown): Promise<void> {
    const c = CHANGE_COMMANDS;
    if (command === c.open) return this.open();
    if (command === c.openFile) return this.openFile(arg);
    if (command === c.accept) return this.accept(arg);
    if (command === c.discard) return this.discard(arg);
    if (command === c.acceptAll) return this.acceptAll();
    this.review?.discardAll();
  }

  /** Shows a run's change set (replacing any earlier one) in the view and the multi-file diff editor. */
  async show(review: ChangeSetReview): Promise<void> {
    if (this.review !== review) {
      this.review?.dispose();
      this.review = review;
      this.generation++;
      review.onDidChange(() => this.refresh());
      this.refresh();
    }
    await vscode.commands.executeCommand('setContext', HAS_CHANGES, true);
    await vscode.commands.executeCommand(`${CHANGES_VIEW}.focus`);
    await this.open();
  }

  /** The files still to review in the multi-file diff editor (original on the left, proposed on the right). */
  async open(): Promise<void> {
    const review = this.review;
    if (!review?.pending.length) {
      void vscode.window.showInformationMessage('Delegation: no proposed changes are left to review.');
      return;
    }
    // A new file has no original side (listed as added); the others compare the file on disk with a
    // proposed document at the same path, so the editor lists each as modified, not as a rename.
    const resources = review.pending.map((f) => [f.uri, f.created ? undefined : f.uri, this.proposedUri(f)]);
    await vscode.commands.executeCommand('vscode.changes', review.title, resources);
  }

  getTreeItem(path: string): vscode.TreeItem {
    const file = this.review?.file(path);
    const item = new vscode.TreeItem(path, vscode.TreeItemCollapsibleState.None);
    if (!file) return item;
    item.resourceUri = file.uri;
    item.contextValue = 'delegationChange';
    const edits = `${file.edits.length} edit${file.edits.length === 1 ? '' : 's'}`;
    item.description = [
      file.created ? 'new file' : edits,
      file.executable && '⚠ runs code later',
      file.refused && 'not accepted: changed since read',
    ]
      .filter(Boolean)
      .join(' · ');
    const reasons = file.edits.map((e) => `- ${e.label}: ${e.proposal.reason}`).join('\n');
    item.tooltip = new vscode.MarkdownString(
      [file.executable && `**Runs code later:** ${file.executable}.`, file.refused, reasons]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.command = { title: 'Open change', command: CHANGE_COMMANDS.openFile, arguments: [path] };
    return item;
  }

  getChildren(element?: string): string[] {
    return element ? [] : (this.review?.pending.map((f) => f.path) ?? []);
  }

  private refresh(): void {
    const review = this.review;
    this.treeChanged.fire(undefined);
    if (!review) return;
    for (const f of review.files) this.contentChanged.fire(this.proposedUri(f));
    const pending = review.pending.length;
    this.view.message = pending
      ? `${pending} file${pending === 1 ? '' : 's'} to review. ${review.summary().replace(/ \d+ files? still to review\./, '')}`
      : `No proposed changes left to review. ${review.summary().replace(' All files reviewed.', '')}`;
  }

  /** The file's own path under our scheme: the editors name it as the file, and the query says which side. */
  private proposedUri(file: ReviewFile): vscode.Uri {
    return file.uri.with({ scheme: PROPOSED_SCHEME, authority: '', query: `proposed&${this.generation}` });
  }

  /** For the single-file diff, which needs a left side: an empty document for a new file. */
  private originalUri(file: ReviewFile): vscode.Uri {
    if (!file.created) return file.uri;
    return file.uri.with({ scheme: PROPOSED_SCHEME, authority: '', query: `original&${this.generation}` });
  }

  /** The file a document of our scheme shows. */
  private fileAt(uri: vscode.Uri): ReviewFile | undefined {
    return this.review?.files.find((f) => f.uri.path === uri.path);
  }

  private async content(uri: vscode.Uri): Promise<string> {
    const file = this.fileAt(uri);
    if (!file || uri.query.startsWith('original')) return '';
    const now = await currentText(file.uri);
    // Once decided, the file is what it now is on both sides: no edit is shown twice or still offered.
    if (file.decision !== 'pending') return now ?? '';
    return proposedText(
      now,
      file.edits.map((e) => e.proposal),
    );
  }

  /** The file a command is about: a view row (its path) or a proposed document's URI (the diff's title bar). */
  private fileOf(arg: unknown): ReviewFile | undefined {
    const review = this.review;
    if (!review) return undefined;
    if (typeof arg === 'string') return review.file(arg);
    if (arg instanceof vscode.Uri) {
      if (arg.scheme === PROPOSED_SCHEME) return this.fileAt(arg);
      return review.files.find((f) => f.uri.toString() === arg.toString());
    }
    return undefined;
  }

  private async openFile(arg: unknown): Promise<void> {
    const file = this.fileOf(arg);
    if (!file) return;
    await vscode.commands.executeCommand(
      'vscode.diff',
      this.originalUri(file),
      this.proposedUri(file),
      `${file.path} (proposed by the delegation)`,
    );
  }

  private async accept(arg: unknown): Promise<void> {
    const file = this.fileOf(arg);
    if (!file || !this.review || !(await confirmExecutable([file]))) return;
    const refused = await this.review.accept(file.path);
    if (refused) void vscode.window.showWarningMessage(`Delegation: ${refused}`);
  }

  private discard(arg: unknown): void {
    const file = this.fileOf(arg);
    if (file) this.review?.discard(file.path);
  }

  private async acceptAll(): Promise<void> {
    const review = this.review;
    if (!review || !(await confirmExecutable(review.pending))) return;
    const refused = await review.acceptAll();
    if (refused.length)
      void vscode.window.showWarningMessage(`Delegation: ${refused.length} not accepted. ${refused.join(' ')}`);
  }

  dispose(): void {
    this.review?.dispose();
    this.treeChanged.dispose();
    this.contentChanged.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Asks before accepting configuration that runs code later (hooks, CI, .vscode/); true to go on. */
async function confirmExecutable(files: readonly ReviewFile[]): Promise<boolean> {
  const risky = files.filter((f) => f.executable);
  if (!risky.length) return true;
  const which = risky.map((f) => `${f.path} (${f.executable})`).join(', ');
  const choice = await vscode.window.showWarningMessage(
    `Accept changes to configuration that runs code later? ${which}. Read these changes in full first.`,
    { modal: true },
    'Accept',
  );
  return choice === 'Accept';
}
