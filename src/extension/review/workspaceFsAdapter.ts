import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FsEntryType, WorkspaceFs } from '../../review';

const typeOf = (t: vscode.FileType): FsEntryType =>
  t & vscode.FileType.Directory ? 'directory' : t & vscode.FileType.File ? 'file' : 'other';

/** Context gathering reads through VS Code's file system, so remote and virtual workspaces work too. */
export const vscodeWorkspaceFs: WorkspaceFs = {
  readFile: (absPath) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.file(absPath))),
  stat: async (absPath) => {
    const s = await vscode.workspace.fs.stat(vscode.Uri.file(absPath));
    return { type: typeOf(s.type), size: s.size };
  },
  // Every path here is a file: URI on the extension host's disk, so node's realpath sees the same links.
  realPath: (absPath) => realpath(absPath),
  readDirectory: async (absPath) => {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(absPath));
    // Links are 'other' so a folder walk cannot loop through them.
    return entries.map(
      ([name, t]) => [name, t & vscode.FileType.SymbolicLink ? 'other' : typeOf(t)] as [string, FsEntryType],
    );
  },
};
