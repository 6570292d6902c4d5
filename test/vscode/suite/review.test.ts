import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { api, simulatorForExtension, until, workspaceUri } from './harness';

describe('extension host: multi-expert review', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulatorForExtension();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('claudeMultiAgent')
      .update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sim.close();
  });

  it('reviews a file and puts findings in the Problems panel at the right lines', async () => {
    const uri = workspaceUri('src/userService.js');
    await vscode.window.showTextDocument(uri);
    const snapshot = await vscode.commands.executeCommand<{ findings: unknown[] } | undefined>(
      'claudeMultiAgent.review',
      uri,
    );
    assert.ok(snapshot && snapshot.findings.length > 0);
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Claude Multi-Agent');
    const lines = diagnostics.map((d) => d.range.start.line + 1);
    assert.ok(lines.includes(7), `SQL injection on line 7 (got ${lines.join(',')})`);
    assert.ok(lines.includes(17), 'off-by-one on line 17');
    const sql = diagnostics.find((d) => d.range.start.line === 6)!;
    assert.equal(sql.severity <= vscode.DiagnosticSeverity.Warning, true);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostics.find((d) => d.range.start.line === 16)!.range,
    );
    assert.ok(
      actions.some((a) => /Apply suggested fix/.test(a.title)),
      'the off-by-one offers its fix',
    );
    assert.ok(actions.some((a) => /Ask a follow-up/.test(a.title)));
  });

  it('a new review of the same file replaces its diagnostics; the clear command removes them', async () => {
    const uri = workspaceUri('src/userService.js');
    await vscode.commands.executeCommand('claudeMultiAgent.review', uri);
    const count = vscode.languages.getDiagnostics(uri).length;
    await vscode.commands.executeCommand('claudeMultiAgent.review', uri);
    assert.equal(vscode.languages.getDiagnostics(uri).length, count, 'not doubled');
    await vscode.commands.executeCommand('claudeMultiAgent.clearFindings');
    assert.equal(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Claude Multi-Agent').length, 0);
  });

  it('cancelling leaves no request open at the simulator', async () => {
    sim.configure({ tokensPerSecond: 40, outputTokens: 4000 });
    try {
      const controller = await (await api()).review();
      const pending = vscode.commands.executeCommand('claudeMultiAgent.review', workspaceUri('src/db.js'));
      await until('experts streaming', () => sim.inFlight() >= 2 || undefined);
      const started = Date.now();
      controller.cancelAll();
      await pending;
      await sim.waitForIdle(1000);
      assert.ok(Date.now() - started < 1000);
      assert.equal(sim.inFlight(), 0);
      assert.ok(sim.log.filter((e) => !e.completed).every((e) => e.aborted));
    } finally {
      sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
    }
  });
});
