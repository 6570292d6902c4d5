// The delegation's change set as one WorkspaceEdit for VS Code's refactor preview: every edit carries its
// subtask's label and needs confirmation, so the preview groups them by subtask and the user can untick
// any before applying; edits to configuration that runs code later (hooks, CI, .vscode/) are grouped
// under their own warning label, and the policy's write check runs again before anything is shown. Each edit is checked against the file as it is now: one whose lines changed since
// the agent read them is left out with a clear message instead of being applied blindly.
import * as vscode from 'vscode';
import { ContentPolicy, joinPath } from '../../policy';
import { previewEntry, staleReason, type ChangeSet, type EditProposal } from '../../delegate';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';

export interface BuiltEdit {
  edit: vscode.WorkspaceEdit;
  applied: number;
  /** Edits left out, each with why. */
  refused: string[];
}

async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The range and text that replace lines startLine..endLine (1-based, inclusive; endLine = startLine - 1 inserts). */
function lineEdit(
  doc: vscode.TextDocument,
  p: Extract<EditProposal, { kind: 'replace' }>,
): { range: vscode.Range; text: string } {
  const lastLine = doc.lineCount;
  // A file that ends with a newline has an empty last line in VS Code, which the agent never saw.
  const contentLines = doc.lineAt(lastLine - 1).text === '' && lastLine > 1 ? lastLine - 1 : lastLine;
  if (p.startLine > contentLines) {
    const end = doc.lineAt(contentLines - 1).range.end;
    return { range: new vscode.Range(end, end), text: `\n${p.newText}` };
  }
  const start = new vscode.Position(p.startLine - 1, 0);
  if (p.endLine < p.startLine) return { range: new vscode.Range(start, start), text: `${p.newText}\n` };
  if (p.endLine < lastLine)
    return { range: new vscode.Range(start, new vscode.Position(p.endLine, 0)), text: `${p.newText}\n` };
  return { range: new vscode.Range(start, doc.lineAt(p.endLine - 1).range.end), text: p.newText };
}

export async function buildWorkspaceEdit(root: string, changeSet: ChangeSet): Promise<BuiltEdit> {
  const edit = new vscode.WorkspaceEdit();
  const refused: string[] = [];
  let applied = 0;
  // Checked again now, not only when proposed: a link may have appeared in the workspace meanwhile.
  const policy = new ContentPolicy({ fs: vscodeWorkspaceFs, root });
  for (const item of changeSet.edits) {
    const { proposal } = item;
    const entry = await previewEntry(policy, item);
    if (entry.kind === 'refused') {
      refused.push(entry.message);
      continue;
    }
    const uri = vscode.Uri.file(joinPath(root, proposal.path));
    const stale = staleReason(proposal, await currentText(uri));
    if (stale) {
      refused.push(stale);
      continue;
    }
    const metadata: vscode.WorkspaceEditEntryMetadata = {
      label: entry.label,
      description: entry.description,
      needsConfirmation: true,
    };
    if (proposal.kind === 'create') {
      edit.createFile(
        uri,
        {
          contents: new TextEncoder().encode(
            proposal.newText.endsWith('\n') ? proposal.newText : `${proposal.newText}\n`,
          ),
        },
        metadata,
      );
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      const { range, text } = lineEdit(doc, proposal);
      edit.replace(uri, range, text, metadata);
    }
    applied++;
  }
  return { edit, applied, refused };
}

/** Shows the edit in the refactor preview; resolves with whether the user applied it. */
export async function previewAndApply(built: BuiltEdit): Promise<boolean> {
  if (built.applied === 0) return false;
  return vscode.workspace.applyEdit(built.edit, { isRefactoring: true });
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/**
 * Opens the change set in the refactor preview (the user unticks what they do not want, then applies;
 * one Undo reverts it), saying on the panel where it stands. Edits whose text changed since the agents
 * read it are refused and named.
 */
export async function reviewChanges(
  root: string,
  changeSet: ChangeSet,
  show: (summary: string, canReview: boolean) => void,
  warn: (message: string) => void,
): Promise<void> {
  const built = await buildWorkspaceEdit(root, changeSet);
  const files = new Set(changeSet.edits.map((e) => e.proposal.path)).size;
  const conflicts = changeSet.conflicts.length
    ? ` ${plural(changeSet.conflicts.length, 'conflicting edit was', 'conflicting edits were')} left out.`
    : '';
  const summary = `${plural(changeSet.edits.length, 'proposed edit')} in ${plural(files, 'file')}.${conflicts}`;
  for (const c of changeSet.conflicts) warn(`Delegation conflict: ${c.message}`);
  if (built.refused.length) {
    warn(`Delegation: ${built.refused.join(' ')}`);
    void vscode.window.showWarningMessage(
      `Delegation: ${plural(built.refused.length, 'edit')} not applied. ${built.refused.join(' ')}`,
    );
  }
  show(`${summary} Review them in the refactor preview.`, true);
  if (await previewAndApply(built)) show(`${summary} Applied; Undo reverts them.`, false);
  // VS Code's preview starts with these edits unticked, and Apply with nothing ticked applies nothing.
  else if (built.applied > 0) {
    const nothing = 'Nothing was applied: no edit was ticked in the preview (or it was discarded).';
    show(`${summary} ${nothing} Review them again to apply.`, true);
    void vscode.window.showInformationMessage(`Delegation: ${nothing}`);
  }
}
