// One file's accepted edits as a WorkspaceEdit (so one Undo reverts them): line replacements on the
// document as it is now, or the new file with its contents.
import * as vscode from 'vscode';
import type { EditProposal } from '../../delegate';

/** The file's text as the editor has it (an open document's, unsaved changes included), or undefined. */
export async function currentText(uri: vscode.Uri): Promise<string | undefined> {
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

/** The edit that writes `proposals` (all of one file) to `uri`. */
export async function fileWorkspaceEdit(
  uri: vscode.Uri,
  proposals: readonly EditProposal[],
  metadata: vscode.WorkspaceEditEntryMetadata,
): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  const created = proposals.find((p) => p.kind === 'create');
  if (created) {
    const text = created.newText.endsWith('\n') ? created.newText : `${created.newText}\n`;
    edit.createFile(uri, { contents: new TextEncoder().encode(text) }, metadata);
    return edit;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  for (const p of proposals) {
    if (p.kind !== 'replace') continue;
    const { range, text } = lineEdit(doc, p);
    edit.replace(uri, range, text, metadata);
  }
  return edit;
}
