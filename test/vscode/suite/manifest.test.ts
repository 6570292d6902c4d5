import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SECTION, SETTING_DEFAULTS } from '../../../src/extension/settingsSchema';
import { EXTENSION_ID, api } from './harness';

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
    configuration: { properties: Record<string, unknown> };
  };
}

describe('extension host: manifest and registration', () => {
  before(() => api());

  it('registers every contributed command', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('puts the review in the editor and explorer menus and the changes review in Source Control', () => {
    const menus = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest).contributes.menus;
    assert.ok(menus['editor/context']?.some((m) => m.command === 'claudeMultiAgent.review'));
    assert.ok(menus['explorer/context']?.some((m) => m.command === 'claudeMultiAgent.review'));
    assert.ok(menus['scm/title']?.some((m) => m.command === 'claudeMultiAgent.reviewChanges'));
  });

  it('every setting the code reads is known to VS Code with the same default', () => {
    const config = vscode.workspace.getConfiguration(SECTION);
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.deepEqual(config.inspect(key)?.defaultValue, value, key);
    }
  });
});
