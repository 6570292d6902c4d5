import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, until, workspaceUri } from './harness';

interface Snapshot {
  findings: Array<{
    id: string;
    file: string;
    suggestedFix?: { replacement: string; startLine: number; seen?: string };
  }>;
}

describe('extension host: applying a suggested fix', () => {
  let sim: Simulator;
  const uri = () => workspaceUri('src/userService.js');
  let original = '';

  before(async () => {
    sim = await simulatorForExtension();
    original = (await vscode.workspace.openTextDocument(uri())).getText();
  });
  afterEach(async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri(), all, original);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('claudeMultiAgent')
      .update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sim.close();
  });

  async function reviewWithFix() {
    const snapshot = await vscode.commands.executeCommand<Snapshot | undefined>('claudeMultiAgent.review', uri());
    const finding = snapshot?.findings.find((f) => f.suggestedFix);
    assert.ok(finding?.suggestedFix, 'the review suggests a fix');
    assert.ok(finding.suggestedFix.seen, 'the fix keeps the lines the experts saw');
    return { finding, fix: finding.suggestedFix };
  }

  it('refuses a fix whose lines changed since the review, and leaves the file alone', async () => {
    const { finding, fix } = await reviewWithFix();
    const doc = await vscode.workspace.openTextDocument(uri());
    // An edit inside the lines the fix replaces (an edit above them only moves the finding: see below).
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri(), new vscode.Position(fix.startLine - 1, 0), '/* edited after the review */ ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const before = doc.getText();
    const result = await vscode.commands.executeCommand('claudeMultiAgent.applyFix', uri(), finding.id);
    assert.equal(result, 'stale');
    assert.equal(doc.getText(), before, 'nothing was replaced');
    assert.ok(!doc.getText().includes(fix.replacement));
  });

  it('moves a fix with a line added above it: it is applied at once at its new place, not refused', async () => {
    const { finding, fix } = await reviewWithFix();
    const doc = await vscode.workspace.openTextDocument(uri());
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri(), new vscode.Position(0, 0), '// a line added after the review\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const result = await vscode.commands.executeCommand('claudeMultiAgent.applyFix', uri(), finding.id);
    assert.equal(result, 'applied', 'the fix followed the edit instead of being refused as stale');
    assert.ok(doc.getText().includes(fix.replacement.replace(/\n$/, '')));
  });

  it('Preview fix waits in the refactor preview, and discarding it leaves the file alone', async () => {
    const { finding } = await reviewWithFix();
    const doc = await vscode.workspace.openTextDocument(uri());
    const before = doc.getText();
    let result: unknown;
    const pending = Promise.resolve(
      vscode.commands.executeCommand('claudeMultiAgent.previewFix', uri(), finding.id),
    ).then((r) => (result = r));
    // Unlike Apply fix, the edit needs confirmation: it waits for the user.
    await until(
      'the fix to be discarded in the refactor preview',
      async () => {
        if (result === undefined)
          await vscode.commands.executeCommand('refactorPreview.discard').then(undefined, () => undefined);
        return result;
      },
      20_000,
    );
    await pending;
    assert.equal(result, 'declined');
    assert.equal(doc.getText(), before, 'nothing was replaced');
  });
});
