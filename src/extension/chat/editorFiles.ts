// Small editor helpers shared by the chat and the delegation: which documents qualify, how they
// are named, where their workspace is, the review findings VS Code shows for them, inserting code.
import * as vscode from 'vscode';
import type { ChatFinding } from '../../chat';
import { parseFindingMessage } from './findingMessage';

/** The source the review feature gives its diagnostics (see review/findingsDiagnostics.ts). */
const REVIEW_DIAGNOSTIC_SOURCE = 'Claude Multi-Agent';

/** Documents the user edits: not output channels, settings UIs, SCM input and the like. */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata']);

export function isChatDocument(doc: vscode.TextDocument): boolean {
  return DOCUMENT_SCHEMES.has(doc.uri.scheme);
}

/** Workspace-relative path for files in the workspace, else the file name (never a home path). */
export function fileLabel(doc: Pick<vscode.TextDocument, 'uri' | 'isUntitled' | 'fileName'>): string {
  if (doc.isUntitled) return doc.uri.path || doc.fileName;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (folder)
    return vscode.workspace.asRelativePath(
      doc.uri,
      vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1,
    );
  const parts = doc.uri.path.split('/');
  return parts[parts.length - 1] || doc.uri.path;
}

/** The workspace folder's path on disk when the document lies in one (local files only). */
export function workspaceRootFor(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

const SEVERITY_NAMES: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'high',
  [vscode.DiagnosticSeverity.Warning]: 'medium',
  [vscode.DiagnosticSeverity.Information]: 'low',
  [vscode.DiagnosticSeverity.Hint]: 'info',
};

/**
 * The latest review findings for a file, as the review feature shows them in the Problems panel
 * (message = "Severity: title [experts]\nexplanation"). Reading diagnostics keeps the chat independent of
 * the review feature's internals and of whether it has been loaded.
 */
export function findingsFromDiagnostics(uri: vscode.Uri): ChatFinding[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === REVIEW_DIAGNOSTIC_SOURCE)
    .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)
    .map((d) => {
      const parsed = parseFindingMessage(d.message);
      const finding: ChatFinding = {
        startLine: d.range.start.line + 1,
        endLine: d.range.end.line + 1,
        severity: parsed.severity ?? SEVERITY_NAMES[d.severity] ?? 'info',
        title: parsed.title,
        explanation: parsed.explanation,
      };
      if (parsed.experts) finding.experts = parsed.experts;
      return finding;
    });
}

/** A file reference from a command argument: a Uri, a URI string, an absolute or a workspace-relative path. */
export function toUri(file: unknown): vscode.Uri | undefined {
  if (file instanceof vscode.Uri) return file;
  if (typeof file !== 'string' || !file) return undefined;
  if (/^[a-zA-Z][\w+.-]+:\/\//.test(file) || file.startsWith('untitled:')) {
    try {
      return vscode.Uri.parse(file, true);
    } catch {
      return undefined;
    }
  }
  if (file.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(file)) return vscode.Uri.file(file);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  return root ? vscode.Uri.joinPath(root, file) : undefined;
}

/**
 * Inserts `code` at the cursor of `editor` (else of a visible editor), replacing its selection as
 * paste does.
 */
export async function insertCode(editor: vscode.TextEditor | undefined, code: string): Promise<void> {
  const target =
    editor && !editor.document.isClosed
      ? editor
      : vscode.window.visibleTextEditors.find((e) => isChatDocument(e.document));
  if (!target) {
    void vscode.window.showInformationMessage('Open a file in the editor to insert the code into.');
    return;
  }
  const shown = await vscode.window.showTextDocument(target.document, {
    viewColumn: target.viewColumn ?? vscode.ViewColumn.Active,
    preserveFocus: false,
  });
  const selection = shown.selection;
  const ok = await shown.edit((edit) => edit.replace(selection, code));
  if (!ok)
    void vscode.window.showWarningMessage(
      `Could not insert the code into ${fileLabel(shown.document)} (is it read-only?).`,
    );
}
