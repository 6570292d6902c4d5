import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewTarget, RulesSource } from '../../review';

export interface ResolvedTarget {
  root: vscode.Uri;
  target: ReviewTarget;
  title: string;
  /** A git scope's base, where its rules files are read (the change under review does not choose them). */
  rulesAt?: RulesSource;
}

export class TargetError extends Error {}

const rel = (root: vscode.Uri, uri: vscode.Uri) =>
  path.relative(root.fsPath, uri.fsPath).split(path.sep).join('/') || path.basename(uri.fsPath);

/** The workspace folder of a file, or its own folder when no workspace is open. */
function rootFor(uri: vscode.Uri): vscode.Uri {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.Uri.file(path.dirname(uri.fsPath));
}

/**
 * What the user asked to review, from the command's arguments: the explorer passes (clicked, selected[]),
 * the editor menu passes the document's URI, the palette passes nothing (the active editor then).
 * An editor with a selection reviews the selection; one with unsaved edits reviews what is on screen.
 */
export function resolveReviewTarget(clicked?: unknown, selected?: unknown): ResolvedTarget {
  const uris = (
    Array.isArray(selected) && selected.length ? selected : clicked instanceof vscode.Uri ? [clicked] : []
  ).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
  const editor = vscode.window.activeTextEditor;

  if (uris.length === 0 || (uris.length === 1 && editor && uris[0]!.toString() === editor.document.uri.toString())) {
    if (!editor) throw new TargetError('Open a file or select code to review, or right-click files in the Explorer.');
    const doc = editor.document;
    const root =
      doc.uri.scheme === 'file'
        ? rootFor(doc.uri)
        : (vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()));
    const name = doc.uri.scheme === 'file' ? rel(root, doc.uri) : doc.uri.path.split('/').pop() || 'Untitled';
    const sel = editor.selection;
    if (!sel.isEmpty) {
      const text = doc.getText(
        new vscode.Range(
          sel.start.line,
          0,
          sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line,
          Number.MAX_SAFE_INTEGER,
        ),
      );
      const endLine = sel.start.line + text.split('\n').length;
      return {
        root,
        target: { kind: 'selection', path: name, startLine: sel.start.line + 1, endLine, text },
        title: `${name}:${sel.start.line + 1}-${endLine}`,
      };
    }
    if (doc.isUntitled || doc.isDirty || doc.uri.scheme !== 'file') {
      // Review what the user sees, including unsaved edits.
      return {
        root,
        target: { kind: 'selection', path: name, startLine: 1, endLine: doc.lineCount, text: doc.getText() },
        title: name,
      };
    }
    return { root, target: { kind: 'paths', paths: [doc.uri.fsPath] }, title: name };
  }

  const root = rootFor(uris[0]!);
  const names = uris.map((u) => rel(root, u));
  const title = names.length === 1 ? names[0]! : `${names[0]} and ${names.length - 1} more`;
  return { root, target: { kind: 'paths', paths: uris.map((u) => u.fsPath) }, title };
}

/** In restricted mode only what the user names explicitly is read: no folder walks. */
export async function assertAllowedInRestrictedMode(target: ReviewTarget): Promise<void> {
  if (vscode.workspace.isTrusted || target.kind !== 'paths') return;
  for (const p of target.paths) {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.file(p));
    if (stat.type & vscode.FileType.Directory) {
      throw new TargetError(
        'This workspace is not trusted: reviewing folders (which reads files on its own) is off. Select files or code instead, or trust the workspace.',
      );
    }
  }
}
