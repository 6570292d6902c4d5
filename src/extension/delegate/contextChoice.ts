// Which code the delegation's agents are given: the selection, the whole file, or none. The content
// policy decides whether the chosen text may be sent; when it may not, the user chooses to go on without.
//
// Untrusted workspaces: only what the user explicitly picks (the selection or the open file) is
// sent, under the same content policy as the review; nothing else from the workspace is read.
import * as vscode from 'vscode';
import { describeFileContext, gatherFileContext, type FileContext } from '../../chat';
import type { Logger } from '../../core';
import { fileLabel, isChatDocument, workspaceRootFor } from '../chat/editorFiles';
import { policyInputs } from '../policy/policyInputs';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import type { Settings } from '../settingsSchema';

interface ContextChoice extends vscode.QuickPickItem {
  scope: 'selection' | 'file' | 'none';
}

/** The last line of a selection as the user sees it (a selection ending at column 0 stops on the line before). */
const selectionEndLine = (sel: vscode.Selection): number =>
  sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;

/** Asks whether to include the selection or the file; undefined for no context, 'cancel' to stop. */
export async function chooseContext(settings: Settings, logger: Logger): Promise<FileContext | undefined | 'cancel'> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isChatDocument(editor.document)) return undefined;
  const doc = editor.document;
  const label = fileLabel(doc);
  const sel = editor.selection;
  const items: ContextChoice[] = [];
  if (!sel.isEmpty)
    items.push({
      scope: 'selection',
      label: '$(selection) Include the selection',
      description: `${label}:${sel.start.line + 1}-${selectionEndLine(sel)}`,
    });
  items.push(
    { scope: 'file', label: '$(file) Include the whole file', description: label },
    { scope: 'none', label: '$(circle-slash) No code context', description: 'The agents see only the task' },
  );
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Code context for the agents',
    placeHolder: 'Files holding secrets, credential files such as .env and ignored files are never sent.',
    ignoreFocusOut: true,
  });
  if (!choice) return 'cancel';
  if (choice.scope === 'none') return undefined;

  let text = doc.getText();
  let startLine = 1;
  if (choice.scope === 'selection') {
    const start = new vscode.Position(sel.start.line, 0);
    const end = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end : doc.lineAt(sel.end.line).range.end;
    text = doc.getText(new vscode.Range(start, end));
    startLine = sel.start.line + 1;
  }
  const root = workspaceRootFor(doc.uri);
  const gathered = await gatherFileContext({
    path: label,
    text,
    startLine,
    budgetTokens: settings.contextTokenBudget,
    exclude: settings.exclude,
    fs: vscodeWorkspaceFs,
    ...(doc.uri.scheme === 'file' && { filePath: doc.uri.fsPath }),
    ...(root !== undefined && { workspaceRoot: root, ...(await policyInputs(doc.uri)) }),
  });
  if (!gathered.included) {
    const go = await vscode.window.showWarningMessage(
      `${label} cannot be sent: ${gathered.reason}.`,
      { modal: true, detail: 'Continue without code context?' },
      'Continue without context',
    );
    return go ? undefined : 'cancel';
  }
  const note = describeFileContext(gathered);
  if (note) logger.info(`Delegation: ${note}`);
  return gathered;
}
