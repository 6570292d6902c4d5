// The delegation's change set under review, file by file: accept writes a file's edits through one
// WorkspaceEdit (so Undo reverts it) after checking, again, that the content policy allows the write and
// that the lines still read as the agents read them; discard drops the file. Each decision is reported
// (the run's panel and log say what was accepted), and listeners (the view, the diff's content) refresh.
import * as vscode from 'vscode';
import { ContentPolicy, joinPath } from '../../policy';
import {
  changeSetFiles,
  decisionSummary,
  previewEntry,
  staleReason,
  type ChangeSet,
  type ChangeSetFile,
  type FileDecision,
} from '../../delegate';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import { currentText, fileWorkspaceEdit } from './fileEdit';

export interface ReviewFile extends ChangeSetFile {
  uri: vscode.Uri;
  decision: FileDecision;
  /** Set when the file is configuration that runs code later (a hook, CI, .vscode/tasks.json …). */
  executable?: string;
  /** Why the last Accept was refused (the file changed, the policy refuses it). */
  refused?: string;
}

export interface ReviewHooks {
  /** Where the run stands: "Accepted: a.ts. 1 file still to review." */
  report(summary: string, pending: number): void;
  warn(message: string): void;
}

export class ChangeSetReview implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  private constructor(
    readonly root: string,
    readonly title: string,
    readonly files: ReviewFile[],
    private readonly hooks: ReviewHooks,
  ) {}

  /**
   * The change set's files, each checked against the content policy now (a link may have appeared in
   * the workspace since the proposal): a file the policy refuses to write is left out, with why.
   */
  static async open(root: string, title: string, changeSet: ChangeSet, hooks: ReviewHooks): Promise<ChangeSetReview> {
    const policy = new ContentPolicy({ fs: vscodeWorkspaceFs, root });
    const files: ReviewFile[] = [];
    for (const file of changeSetFiles(changeSet)) {
      const entries = await Promise.all(file.edits.map((e) => previewEntry(policy, e)));
      const refused = entries.find((e) => e.kind === 'refused');
      if (refused) {
        hooks.warn(`Delegation: ${refused.message}`);
        continue;
      }
      const executable = entries.find((e) => e.kind === 'edit' && e.executable);
      files.push({
        ...file,
        uri: vscode.Uri.file(joinPath(root, file.path)),
        decision: 'pending',
        ...(executable?.kind === 'edit' && executable.executable && { executable: executable.executable }),
      });
    }
    return new ChangeSetReview(root, title, files, hooks);
  }

  get pending(): ReviewFile[] {
    return this.files.filter((f) => f.decision === 'pending');
  }

  file(path: string): ReviewFile | undefined {
    return this.files.find((f) => f.path === path);
  }

  summary(): string {
    return decisionSummary(this.files);
  }

  /**
   * Writes the file's edits (one Undo reverts them) and saves it unless it already had unsaved changes.
   * Refused, with why, when the policy no longer allows the write or the file changed since the agents
   * read it; the file then stays to review (or discard). Resolves with the refusal, if any.
   */
  async accept(path: string): Promise<string | undefined> {
    const file = this.file(path);
    if (!file || file.decision !== 'pending') return undefined;
    const refused = (await this.policyRefusal(file)) ?? (await this.staleRefusal(file));
    if (refused) {
      file.refused = refused;
      this.hooks.warn(`Delegation: ${refused}`);
      this.changed.fire();
      return refused;
    }
    const wasDirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.uri.toString())?.isDirty;
    const edit = await fileWorkspaceEdit(
      file.uri,
      file.edits.map((e) => e.proposal),
      { label: `Delegation: ${file.path}`, needsConfirmation: false },
    );
    if (!(await vscode.workspace.applyEdit(edit))) {
      const message = `${file.path} could not be written; nothing was changed.`;
      file.refused = message;
      this.hooks.warn(`Delegation: ${message}`);
      this.changed.fire();
      return message;
    }
    if (!file.created && !wasDirty) await (await vscode.workspace.openTextDocument(file.uri)).save();
    this.decide(file, 'accepted');
    return undefined;
  }

  discard(path: string): void {
    const file = this.file(path);
    if (file?.decision === 'pending') this.decide(file, 'discarded');
  }

  /** Accepts every file still to review, in order; resolves with the refusals. */
  async acceptAll(): Promise<string[]> {
    const refusals: string[] = [];
    for (const file of this.pending) {
      const refused = await this.accept(file.path);
      if (refused) refusals.push(refused);
    }
    return refusals;
  }

  discardAll(): void {
    for (const file of this.pending) file.decision = 'discarded';
    this.report();
  }

  private decide(file: ReviewFile, decision: FileDecision): void {
    file.decision = decision;
    delete file.refused;
    this.report();
  }

  private report(): void {
    this.hooks.report(this.summary(), this.pending.length);
    this.changed.fire();
  }

  private async policyRefusal(file: ReviewFile): Promise<string | undefined> {
    const policy = new ContentPolicy({ fs: vscodeWorkspaceFs, root: this.root });
    for (const edit of file.edits) {
      const entry = await previewEntry(policy, edit);
      if (entry.kind === 'refused') return entry.message;
    }
    return undefined;
  }

  private async staleRefusal(file: ReviewFile): Promise<string | undefined> {
    const now = await currentText(file.uri);
    for (const { proposal } of file.edits) {
      const stale = staleReason(proposal, now);
      if (stale) return stale.replace('this edit was not applied', 'it was not accepted');
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
