import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, workspaceUri } from './harness';

describe('extension host: restricted mode (untrusted workspace)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulatorForExtension();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('claudeMultiAgent').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sim.close();
  });

  it('runs in an untrusted workspace (so the checks below mean something)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('does not walk a folder on its own', async () => {
    const result = await vscode.commands.executeCommand('claudeMultiAgent.review', workspaceUri('src'));
    assert.equal(result, undefined);
    assert.equal(sim.log.length, 0, 'nothing was sent');
  });

  it('still reviews a file the user names explicitly', async () => {
    const snapshot = await vscode.commands.executeCommand<{ findings: unknown[] } | undefined>('claudeMultiAgent.review', workspaceUri('src/userService.js'));
    assert.ok(snapshot && snapshot.findings.length > 0);
    assert.ok(sim.log.length > 0);
  });
});
