// What the editor's chat and the language-model tools ask to review, as the review commands'
// targets: files referenced in a prompt (`#file`), paths a model names, or the active editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveReviewTarget, type ResolvedTarget } from '../review/reviewTargets';

/** The files a chat request references (`#file`, a dragged file, a location in one). */
export function referencedUris(references: readonly vscode.ChatPromptReference[]): vscode.Uri[] {
  const uris: vscode.Uri[] = [];
  for (const ref of references) {
    if (ref.value instanceof vscode.Uri) uris.push(ref.value);
    else if (ref.value instanceof vscode.Location) uris.push(ref.value.uri);
  }
  return uris;
}

/**
 * A path a model wrote (absolute, or relative to the first workspace folder), which must lie in a
 * workspace folder: a model's `../..` or `~/.docker/config.json` is refused, not reviewed with its
 * own folder as root.
 */
export function uriForPath(p: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    path.isAbsolute(p) || !root ? vscode.Uri.file(p) : vscode.Uri.joinPath(root, ...p.split(/[\\/]/).filter(Boolean));
  if (!vscode.workspace.getWorkspaceFolder(uri))
    throw new Error(`Refused: ${p} is outside the workspace folders; the review tool reviews workspace files only.`);
  return uri;
}

/**
 * The named files, or else the active editor's selection or file (as the review command does).
 * With the chat's input focused there may be no active editor: then the one file on screen.
 */
export function targetFor(uris: readonly vscode.Uri[]): ResolvedTarget {
  if (uris.length) return resolveReviewTarget(uris[0], [...uris]);
  const shown = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'file');
  if (!vscode.window.activeTextEditor && shown.length === 1) return resolveReviewTarget(shown[0]!.document.uri);
  return resolveReviewTarget();
}
