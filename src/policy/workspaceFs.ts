/** What the policy and the gathering need from a file system; the editor layer adapts vscode.workspace.fs to it. */
export type FsEntryType = 'file' | 'directory' | 'other';

export interface FsStat {
  type: FsEntryType;
  /** Size in bytes (0 for directories is fine). */
  size: number;
}

export interface WorkspaceFs {
  /** Rejects when the file is missing or unreadable. */
  readFile(absPath: string): Promise<Uint8Array>;
  /** Follows symbolic links; rejects when the path does not exist. */
  stat(absPath: string): Promise<FsStat>;
  /**
   * Entries of a folder as [name, type]. Symbolic links should be reported as 'other' so the walk
   * cannot loop (an explicitly named link target is still read through stat).
   */
  readDirectory(absPath: string): Promise<Array<[string, FsEntryType]>>;
  /**
   * The absolute path with every symbolic link resolved; rejects when it does not exist. The policy
   * compares it with the workspace folder's own real path, so a link cannot carry a file out of it.
   */
  realPath(absPath: string): Promise<string>;
}

/** For targets that read no file (a selection carries its text): any read is a bug, and says so. */
export const noWorkspaceFs: WorkspaceFs = {
  readFile: (absPath) => Promise.reject(new Error(`No file system here: cannot read ${absPath}`)),
  stat: (absPath) => Promise.reject(new Error(`No file system here: cannot stat ${absPath}`)),
  readDirectory: (absPath) => Promise.reject(new Error(`No file system here: cannot list ${absPath}`)),
  realPath: (absPath) => Promise.reject(new Error(`No file system here: cannot resolve ${absPath}`)),
};
