import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, workspaceUri } from './harness';

describe('extension host: restricted mode (untrusted workspace)', () => {
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

  it('runs in an untrusted workspace (so the checks below mean something)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('does not walk a folder on its own', async () => {
    const result = await vscode.commands.executeCommand('claudeMultiAgent.review', workspaceUri('src'));
    assert.equal(result, undefined);
    assert.equal(sim.log.length, 0, 'nothing was sent');
  });

  it('refuses to review uncommitted or staged changes, a branch or a commit: git never runs, nothing is sent', async () => {
    // The folder becomes a repository whose own config runs a program on any `git diff`.
    const root = workspaceUri('.').fsPath;
    const marker = join(tmpdir(), `cma-untrusted-fsmonitor-${process.pid}`);
    const hook = join(tmpdir(), `cma-untrusted-hook-${process.pid}.sh`);
    rmSync(marker, { force: true });
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(hook, 0o755);
    const probe = join(root, 'trust-probe.txt');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(probe, 'one\n');
    git('add', 'trust-probe.txt');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '--no-verify', '-m', 'probe');
    writeFileSync(probe, 'one\ntwo\n');
    git('config', 'core.fsmonitor', hook);
    try {
      // Every git scope, including those that would first ask for a branch or a commit.
      for (const command of ['reviewChanges', 'reviewStaged', 'reviewBranch', 'reviewCommit']) {
        const result = await vscode.commands.executeCommand(`claudeMultiAgent.${command}`);
        assert.equal(result, undefined, command);
        assert.equal(existsSync(marker), false, `git ran in the untrusted folder (${command})`);
      }
      assert.equal(sim.log.length, 0, 'nothing was sent');
      // Control: the repository really is hostile, so the check above could fail.
      git('diff', 'HEAD');
      assert.ok(existsSync(marker), 'plain git diff runs the fsmonitor program');
    } finally {
      rmSync(join(root, '.git'), { recursive: true, force: true });
      rmSync(probe, { force: true });
      rmSync(hook, { force: true });
      rmSync(marker, { force: true });
    }
  });

  it('still reviews a file the user names explicitly', async () => {
    const snapshot = await vscode.commands.executeCommand<{ findings: unknown[] } | undefined>(
      'claudeMultiAgent.review',
      workspaceUri('src/userService.js'),
    );
    assert.ok(snapshot && snapshot.findings.length > 0);
    assert.ok(sim.log.length > 0);
  });
});
