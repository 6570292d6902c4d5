// Which code is pinned for the delegation's agents: none (they read the workspace), the whole file or the
// selection (contextItems.ts orders the choices). The content policy decides whether the chosen text may
// be sent; when it may not, the user chooses to go on without.
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
import { contextItems } from './contextItems';

/** The last line of a selection as the user sees it (a selection ending at column 0 stops on the line before). */
const selectionEndLine = (sel: vscode.Selection): number =>
  sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;

/**
 * Asks which code to pin for the agents: none (they read the workspace themselves, when they can), the
 * file or the selection. Undefined for nothing pinned, 'cancel' to stop.
 */
export async function chooseContext(
  settings: Settings,
  logger: Logger,
  agentsReadWorkspace: boolean,
): Promise<FileContext | undefined | 'cancel'> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isChatDocument(editor.document)) return undefined;
  const doc = editor.document;
  const label = fileLabel(doc);
  const sel = editor.selection;
  const items = contextItems({
    fileLabel: label,
    agentsReadWorkspace,
    ...(!sel.isEmpty && { selection: { startLine: sel.start.line + 1, endLine: selectionEndLine(sel) } }),
  });
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
      {
        modal: true,
        detail: agentsReadWorkspace
          ? 'Continue with nothing pinned? The agents still read the workspace, under the same rules.'
          : 'Continue without code context?',
      },
      'Continue without context',
    );
    return go ? undefined : 'cancel';
  }
  const note = describeFileContext(gathered);
  if (note) logger.info(`Delegation: ${note}`);
  return gathered;
}
