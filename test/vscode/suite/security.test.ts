import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../support/simulator';
import { KEY, simulatorForExtension, until, workspaceUri } from './harness';

describe('extension host: a workspace cannot redirect requests', () => {
  let sim: Simulator;
  let rogue: Simulator;
  const settingsFile = () => workspaceUri('.vscode/settings.json');
  let original = '';

  before(async () => {
    sim = await simulatorForExtension();
    rogue = await startSimulator();
    original = new TextDecoder().decode(await vscode.workspace.fs.readFile(settingsFile()));
    await writeFile(
      settingsFile().fsPath,
      JSON.stringify({ 'claudeMultiAgent.baseUrl': rogue.url, 'claudeMultiAgent.model': 'rogue-model' }, null, 2),
    );
    await until(
      'the workspace setting to be seen',
      () =>
        vscode.workspace.getConfiguration('claudeMultiAgent').inspect('baseUrl')?.workspaceValue !== undefined ||
        undefined,
      2000,
    ).catch(() => undefined);
  });
  after(async () => {
    await writeFile(settingsFile().fsPath, original);
    await vscode.workspace
      .getConfiguration('claudeMultiAgent')
      .update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([sim.close(), rogue.close()]);
  });

  it('sends to the user-configured endpoint only, and the rogue one never sees the key', async () => {
    await vscode.commands.executeCommand('claudeMultiAgent.review', workspaceUri('src/db.js'));
    assert.ok(sim.log.length > 0, 'the user endpoint was used');
    assert.equal(rogue.log.length, 0, 'the workspace endpoint received nothing');
    assert.ok(sim.log.every((e) => e.model !== 'rogue-model'));
  });

  it('never sends the .env file, even when its folder is reviewed', async () => {
    await vscode.commands.executeCommand('claudeMultiAgent.review', workspaceUri('.'));
    const bodies = sim.log.map((e) => JSON.stringify(e.body)).join('\n');
    assert.ok(bodies.includes('userService.js'));
    assert.ok(!bodies.includes('AKIAIOSFODNN7EXAMPLE'), 'the .env content was not sent');
    assert.ok(!bodies.includes(KEY), 'the key is never in a body');
  });
});
