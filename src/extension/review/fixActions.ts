// A finding's suggested fix, from a comment thread, a review panel or the quick fix. "Apply fix" applies
// it at once (its diff is already on screen), checked against the current text, says so and offers
// Undo; "Preview fix" shows it in VS Code's refactor preview first, and says so when nothing was applied
// there (the preview starts with the edit unticked, and Apply with nothing ticked applies nothing).
// Neither opens a second copy of the file: the editor that shows it already is reused.
import * as vscode from 'vscode';
import { staleFixReason, type Finding } from '../../review';
import { findingIn } from './findingActions';
import { documentLines, findingRange } from './findingsDiagnostics';
import type { ReviewParts } from './reviewParts';
import type { ReviewSnapshot } from './reviewSnapshot';

export type FixResult = 'applied' | 'stale' | 'declined' | 'noFix';

type Fix = NonNullable<Finding['suggestedFix']>;

/** The finding where it now is (open findings follow edits), else where the review placed it. */
function current(parts: ReviewParts, uri: vscode.Uri, id: string, snapshot?: ReviewSnapshot): Finding | undefined {
  return parts.findings.find(uri.toString(), id)?.finding ?? (snapshot && findingIn(snapshot, id));
}

/** The finding and its document when its fix can go in now; else says why not. */
async function fixable(
  parts: ReviewParts,
  uri: unknown,
  findingId: unknown,
  snapshot?: ReviewSnapshot,
): Promise<{ uri: vscode.Uri; finding: Finding & { suggestedFix: Fix }; doc: vscode.TextDocument } | FixResult> {
  const finding =
    uri instanceof vscode.Uri && typeof findingId === 'string' ? current(parts, uri, findingId, snapshot) : undefined;
  if (!(uri instanceof vscode.Uri) || !finding?.suggestedFix) {
    void vscode.window.showWarningMessage('This finding has no suggested fix.');
    return 'noFix';
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const stale = staleFixReason(finding.suggestedFix, documentLines(doc));
  if (stale) {
    void vscode.window.showWarningMessage(`The fix was not applied: ${stale}`);
    return 'stale';
  }
  return { uri, finding: finding as Finding & { suggestedFix: Fix }, doc };
}

const replacementLines = (fix: Fix): string[] => fix.replacement.replace(/\n$/, '').split('\n');

/** The lines the fix's text occupies once applied (whole lines). */
function appliedRange(fix: Fix, doc: vscode.TextDocument): vscode.Range {
  return findingRange({ startLine: fix.startLine, endLine: fix.startLine + replacementLines(fix).length - 1 }, doc);
}

/** Whether the document now holds the fix's text where the fix goes. */
function fixInPlace(doc: vscode.TextDocument, fix: Fix): boolean {
  const want = replacementLines(fix);
  const have = documentLines(doc).slice(fix.startLine - 1, fix.startLine - 1 + want.length);
  return want.every((line, i) => have[i] === line);
}

/** "Apply fix": applies it now, says so with Undo, and shows the fixed lines where the file already is. */
export function applyFix(
  parts: ReviewParts,
  uri: unknown,
  findingId: unknown,
  snapshot?: ReviewSnapshot,
): Promise<FixResult> {
  return editWithFix(parts, uri, findingId, snapshot, false);
}

/** "Preview fix": the refactor preview, then the same outcome as Apply (or why nothing changed). */
export function previewFix(
  parts: ReviewParts,
  uri: unknown,
  findingId: unknown,
  snapshot?: ReviewSnapshot,
): Promise<FixResult> {
  return editWithFix(parts, uri, findingId, snapshot, true);
}

/** One path for both: the same checks, edit and outcome; `preview` only asks VS Code to confirm the edit first. */
async function editWithFix(
  parts: ReviewParts,
  uri: unknown,
  findingId: unknown,
  snapshot: ReviewSnapshot | undefined,
  preview: boolean,
): Promise<FixResult> {
  const target = await fixable(parts, uri, findingId, snapshot);
  if (typeof target === 'string') return target;
  const { finding, doc } = target;
  const fix = finding.suggestedFix;
  const range = findingRange(fix, doc);
  const before = restorable(parts, doc, finding, range);
  const edit = new vscode.WorkspaceEdit();
  const text = replacementLines(fix).join('\n');
  if (preview)
    edit.replace(doc.uri, range, text, {
      needsConfirmation: true,
      label: `Suggested fix: ${finding.title}`,
      description: finding.experts.join(', '),
    });
  else edit.replace(doc.uri, range, text);
  // False (or the text not in place) when the editor refused, or the preview was discarded or left unticked.
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: preview })) || !fixInPlace(doc, fix)) {
    if (preview)
      void vscode.window.showInformationMessage(
        'The fix was not applied: its edit was not ticked in the preview (or the preview was discarded). Use Apply fix to apply it at once.',
      );
    else void vscode.window.showWarningMessage('The fix could not be applied: the editor refused the edit.');
    return 'declined';
  }
  return applied(parts, doc, finding, before);
}

/** What Undo puts back: the lines the fix replaces, and whether the finding was outdated (the edit marks it so). */
interface Before {
  text: string;
  outdated: boolean;
}

function restorable(parts: ReviewParts, doc: vscode.TextDocument, finding: Finding, range: vscode.Range): Before {
  return { text: doc.getText(range), outdated: parts.findings.find(doc.uri.toString(), finding.id)?.outdated ?? false };
}

async function applied(
  parts: ReviewParts,
  doc: vscode.TextDocument,
  finding: Finding & { suggestedFix: Fix },
  before: Before,
): Promise<'applied'> {
  const key = doc.uri.toString();
  parts.findings.applyFix(key, finding.id);
  await reveal(doc, appliedRange(finding.suggestedFix, doc));
  const where = `${vscode.workspace.asRelativePath(doc.uri)}:${finding.suggestedFix.startLine}`;
  void vscode.window
    .showInformationMessage(`Applied the fix for “${finding.title}” (${where}).`, 'Undo')
    .then((choice) => (choice === 'Undo' ? undoFix(parts, doc, finding, before) : undefined));
  return 'applied';
}

/** Puts the lines back as they were, if the fixed lines are still as the fix left them. */
async function undoFix(
  parts: ReviewParts,
  doc: vscode.TextDocument,
  finding: Finding & { suggestedFix: Fix },
  before: Before,
): Promise<void> {
  const key = doc.uri.toString();
  // Edits above the fix since then moved it: the open finding knows where it is now.
  const fix = parts.findings.find(key, finding.id)?.finding.suggestedFix ?? finding.suggestedFix;
  if (!fixInPlace(doc, fix)) {
    void vscode.window.showWarningMessage('The fix was not undone: its lines changed since it was applied.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, appliedRange(fix, doc), before.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage('The fix was not undone: the editor refused the edit.');
    return;
  }
  parts.findings.undoFix(key, finding.id, before.outdated);
}

/** Selects the lines in the editor that shows the file already (any group), else opens it in the first group. */
async function reveal(doc: vscode.TextDocument, range: vscode.Range): Promise<void> {
  const key = doc.uri.toString();
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  if (visible) {
    visible.selection = new vscode.Selection(range.start, range.end);
    visible.revealRange(range);
    return;
  }
  const group = vscode.window.tabGroups.all.find((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key),
  );
  await vscode.window.showTextDocument(doc, {
    selection: range,
    viewColumn: group?.viewColumn ?? vscode.ViewColumn.One,
  });
}
