import * as vscode from 'vscode';
import { createGitRunner, type GitRunner } from '../../node/safeGit';

/** The safe git runner, never taking git from inside any open workspace folder. */
export function workspaceGit(): GitRunner {
  return createGitRunner({
    untrustedRoots: (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath),
  });
}
