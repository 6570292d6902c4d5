import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, workspaceUri } from './harness';

describe('extension host: review of uncommitted changes', () => {
  let sim: Simulator;
  let original = '';
  const file = () => workspaceUri('src/db.js').fsPath;

  before(async () => {
    sim = await simulatorForExtension();
    original = await readFile(file(), 'utf8');
  });
  after(async () => {
    await writeFile(file(), original);
    await sim.close();
  });

  it('sends the diff with new-file line numbers and places findings on the changed lines', async function () {
    if (
      !(await vscode.workspace.findFiles('.git/HEAD')).length &&
      !(await readFile(workspaceUri('.git/HEAD').fsPath, 'utf8').catch(() => ''))
    )
      this.skip();
    const added = 'export function runQuery(code) {\n  return eval(code);\n}\n';
    await writeFile(file(), `${original}\n${added}`);
    const evalLine = `${original}\n${added}`.split('\n').findIndex((l) => l.includes('eval(')) + 1;
    sim.reset();
    const snapshot = await vscode.commands.executeCommand<{ targets: string[] } | undefined>(
      'claudeMultiAgent.reviewChanges',
    );
    assert.ok(snapshot, 'the review ran');
    assert.ok(
      snapshot.targets.some((t) => t.startsWith('src/db.js')),
      snapshot.targets.join(', '),
    );
    const system = JSON.stringify(sim.log[0]?.body);
    assert.match(system, /uncommitted changes/);
    assert.ok(system.includes('eval(code)'));
    const lines = vscode.languages
      .getDiagnostics(vscode.Uri.file(file()))
      .filter((d) => d.source === 'Claude Multi-Agent')
      .map((d) => d.range.start.line + 1);
    assert.ok(lines.includes(evalLine), `eval on line ${evalLine} (got ${lines.join(',')})`);
  });
});
