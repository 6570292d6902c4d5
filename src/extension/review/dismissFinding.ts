// "Dismiss finding…": asks why, and for a false positive offers "Remember for this project", which
// appends an editable one-line rule to REVIEW.md's Learnings through a WorkspaceEdit (undoable, and a
// visible change the team reviews like any other; nothing is hidden in editor state). Used from
// Problems, comment threads and panels alike (findingActions.ts).
import * as vscode from 'vscode';
import {
  DISMISS_REASONS,
  draftLearning,
  learningInsertion,
  LEARNINGS_FILE,
  type DismissReason,
  type Finding,
} from '../../review';

const REMEMBER = 'Remember for this project';

export interface Dismissal {
  reason: DismissReason;
  /** The rule added to REVIEW.md, when the user chose to remember it. */
  learning?: string;
}

/**
 * Asks the reason; `dismiss` records it (the finding leaves every view). Undefined when the user
 * closed the question (nothing changes then).
 */
export async function dismissFinding(
  finding: Finding,
  root: vscode.Uri,
  dismiss: (reason: DismissReason) => Promise<void>,
): Promise<Dismissal | undefined> {
  const picked = await vscode.window.showQuickPick(
    DISMISS_REASONS.map((r) => ({ label: r.label, detail: r.detail, reason: r.reason })),
    { title: `Dismiss "${finding.title}"`, placeHolder: 'Why is this finding dismissed?' },
  );
  if (!picked) return undefined;
  await dismiss(picked.reason);
  if (picked.reason !== 'falsePositive') return { reason: picked.reason };
  const remember = await vscode.window.showInformationMessage(
    `Dismissed "${finding.title}" as a false positive.`,
    REMEMBER,
  );
  if (remember !== REMEMBER) return { reason: picked.reason };
  const rule = await vscode.window.showInputBox({
    title: `${REMEMBER}: a rule for ${LEARNINGS_FILE}`,
    prompt: `Added under "## Learnings" in ${LEARNINGS_FILE}, which every review reads. Edit it before saving.`,
    value: draftLearning(finding),
    validateInput: (v) => (v.trim() ? undefined : 'The rule is empty.'),
  });
  if (!rule?.trim()) return { reason: picked.reason };
  await appendLearning(root, rule);
  return { reason: picked.reason, learning: rule.trim() };
}

/** Appends the rule to REVIEW.md (created when missing) as one undoable edit, then saves and shows it. */
async function appendLearning(root: vscode.Uri, rule: string): Promise<void> {
  const uri = vscode.Uri.joinPath(root, LEARNINGS_FILE);
  const doc = await vscode.workspace.openTextDocument(uri).then(
    (d) => d,
    () => undefined,
  );
  const insertion = learningInsertion(doc?.getText(), rule);
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: false,
    label: `${REMEMBER}: ${LEARNINGS_FILE}`,
  };
  if (!doc) edit.createFile(uri, { ignoreIfExists: true }, metadata);
  edit.insert(uri, doc ? doc.positionAt(insertion.offset) : new vscode.Position(0, 0), insertion.text, metadata);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`${LEARNINGS_FILE} could not be changed.`);
    return;
  }
  const saved = await vscode.workspace.openTextDocument(uri);
  await saved.save();
  const line = saved.positionAt(insertion.offset + insertion.text.length - 1).line;
  await vscode.window.showTextDocument(saved, {
    preview: true,
    selection: new vscode.Range(line, 0, line, 0),
    viewColumn: vscode.ViewColumn.One,
  });
}
