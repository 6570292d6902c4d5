// WorkspaceFs on node:fs, for tests and command-line use (the extension passes vscode.workspace.fs).
import { promises as fsp } from 'node:fs';
import type { FsEntryType, FsStat, WorkspaceFs } from '../review';

function typeOf(entry: { isFile(): boolean; isDirectory(): boolean }): FsEntryType {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  return 'other';
}

export const nodeWorkspaceFs: WorkspaceFs = {
  async readFile(absPath: string): Promise<Uint8Array> {
    return new Uint8Array(await fsp.readFile(absPath));
  },
  async stat(absPath: string): Promise<FsStat> {
    const s = await fsp.stat(absPath);
    return { type: typeOf(s), size: s.size };
  },
  realPath: (absPath: string): Promise<string> => fsp.realpath(absPath),
  async readDirectory(absPath: string): Promise<Array<[string, FsEntryType]>> {
    // Dirent types come from lstat, so symbolic links are 'other' and are not followed.
    const entries = await fsp.readdir(absPath, { withFileTypes: true });
    return entries.map((e): [string, FsEntryType] => [e.name, typeOf(e)]);
  },
};
