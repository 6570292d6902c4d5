import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, workspaceUri } from './harness';

// The VS Code file-system adapter resolves real paths, so the content policy refuses a link out of
// the workspace in the real extension host too.
describe('extension host: content policy', () => {
  let sim: Simulator;
  let outside: string;
  const marker = `outside-the-workspace-${process.pid}`;
  const link = () => workspaceUri('linked-notes.md');

  before(async () => {
    sim = await simulatorForExtension();
    outside = mkdtempSync(join(tmpdir(), 'cma-outside-'));
    writeFileSync(join(outside, 'notes.md'), `${marker}\n`);
    symlinkSync(join(outside, 'notes.md'), link().fsPath);
  });
  after(async () => {
    rmSync(link().fsPath, { force: true });
    rmSync(outside, { recursive: true, force: true });
    await sim.close();
  });

  it('never sends a picked file whose symbolic link leads outside the workspace', async () => {
    const picked = [link(), workspaceUri('src/db.js')];
    const before = sim.log.length;
    await vscode.commands.executeCommand('claudeMultiAgent.review', picked[0], picked);
    const bodies = sim.log
      .slice(before)
      .map((e) => JSON.stringify(e.body))
      .join('\n');
    assert.ok(bodies.includes('src/db.js'), 'the other file was reviewed');
    assert.ok(!bodies.includes(marker), 'the linked file outside the workspace was not sent');
  });
});
