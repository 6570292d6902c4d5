// "Dismiss finding…": asks why, and for a false positive offers "Remember for this project", which
// appends an editable one-line rule to REVIEW.md's Learnings through a WorkspaceEdit (undoable, and a
// visible change the team reviews like any other; nothing is hidden in editor state). The rule quotes
// the code it is about, and while it is edited the box says which current findings it would hide. Used
// from Problems, comment threads and panels alike (findingActions.ts).
import * as vscode from 'vscode';
import {
  describePreview,
  DISMISS_REASONS,
  draftLearning,
  learningInsertion,
  LEARNINGS_FILE,
  previewLearning,
  quotedCode,
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
 * closed the question (nothing changes then). `current`: the findings shown before the dismissal, for
 * the preview of what a remembered rule would hide.
 */
export async function dismissFinding(
  finding: Finding,
  root: vscode.Uri,
  current: readonly Finding[],
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
  // One entry per finding (two panels may show the same one), the dismissed one first.
  const findings = [finding, ...new Map(current.filter((f) => f.id !== finding.id).map((f) => [f.id, f])).values()];
  const codeOf = await findingCode(root, findings);
  const rule = await editRule(
    draftLearning(finding, codeOf(finding) ? quotedCode([codeOf(finding)]) : undefined),
    (v) => describePreview(previewLearning(v, findings, codeOf), finding),
  );
  if (!rule?.trim()) return { reason: picked.reason };
  await appendLearning(root, rule);
  return { reason: picked.reason, learning: rule.trim() };
}

/**
 * The draft in an input box that says, from the start and after every edit, which current findings the
 * rule would hide (showInputBox's validateInput only speaks once the user types). Undefined when closed.
 */
function editRule(
  draft: string,
  preview: (rule: string) => { text: string; warn: boolean },
): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = `${REMEMBER}: a rule for ${LEARNINGS_FILE}`;
  box.prompt = `Added under "## Learnings" in ${LEARNINGS_FILE}, which every review reads. Edit it before saving.`;
  box.value = draft;
  box.ignoreFocusOut = true;
  const validate = (v: string): void => {
    if (!v.trim()) {
      box.validationMessage = { message: 'The rule is empty.', severity: vscode.InputBoxValidationSeverity.Error };
      return;
    }
    const { text, warn } = preview(v);
    box.validationMessage = {
      message: text,
      severity: warn ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Info,
    };
  };
  validate(draft);
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue(validate);
    box.onDidAccept(() => {
      if (box.value.trim()) finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
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

/** Each finding's lines as the files hold them now ('' when a file cannot be read). */
async function findingCode(root: vscode.Uri, findings: readonly Finding[]): Promise<(finding: Finding) => string> {
  const lines = new Map<string, string[]>();
  for (const file of new Set(findings.map((f) => f.file))) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, file)).then(
      (d) => d,
      () => undefined,
    );
    if (doc)
      lines.set(
        file,
        Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text),
      );
  }
  return (f) => (lines.get(f.file) ?? []).slice(f.startLine - 1, f.endLine).join('\n');
}
