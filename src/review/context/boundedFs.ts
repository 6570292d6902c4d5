// Every file-system call of one gathering goes through here: at most FS_CONCURRENCY at once (a remote
// file system answers many calls in parallel, but not unboundedly many), none starts after an
// abort, and a .gitignore — read for its rules and again as a file to review — comes from disk once.
import pLimit from 'p-limit';
import { FS_CONCURRENCY } from './limits';
import type { WorkspaceFs } from './workspaceFs';

export function boundedFs(fs: WorkspaceFs, signal?: AbortSignal, concurrency = FS_CONCURRENCY): WorkspaceFs {
  const pool = pLimit(concurrency);
  const limit = <T>(call: () => Promise<T>): Promise<T> =>
    pool(() => {
      signal?.throwIfAborted();
      return call();
    });
  const shared = new Map<string, Promise<Uint8Array>>();
  const read = (absPath: string): Promise<Uint8Array> => limit(() => fs.readFile(absPath));
  return {
    readFile(absPath) {
      if (!absPath.endsWith('/.gitignore')) return read(absPath);
      let bytes = shared.get(absPath);
      if (!bytes) {
        bytes = read(absPath);
        shared.set(absPath, bytes);
      }
      return bytes;
    },
    stat: (absPath) => limit(() => fs.stat(absPath)),
    readDirectory: (absPath) => limit(() => fs.readDirectory(absPath)),
    realPath: (absPath) => limit(() => fs.realPath(absPath)),
  };
}
