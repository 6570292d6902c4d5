// An in-memory WorkspaceFs that counts what gathering asks of it, for tests and the benchmark:
// calls by kind, failed reads, bytes read per file, and how many calls were in flight at once.
import type { FsEntryType, FsStat, WorkspaceFs } from '../../src/review/context';

export interface MemoryFsOptions {
  /** Each call answers after this many milliseconds (a remote file system); 0 answers on the next turn. */
  latencyMs?: number;
}

export class MemoryWorkspaceFs implements WorkspaceFs {
  readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Map<string, Map<string, FsEntryType>>();
  readonly calls = { readFile: 0, stat: 0, readDirectory: 0, realPath: 0 };
  failedReads = 0;
  bytesRead = 0;
  readonly readsByPath = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  /** Called before each call; a test can abort here. */
  onCall?: (kind: 'readFile' | 'stat' | 'readDirectory' | 'realPath', absPath: string) => void;

  constructor(
    readonly root: string,
    files: Iterable<[rel: string, content: string | Uint8Array]>,
    private readonly options: MemoryFsOptions = {},
  ) {
    this.folders.set(root, new Map());
    const encoder = new TextEncoder();
    for (const [rel, content] of files) {
      const abs = `${root}/${rel}`;
      this.files.set(abs, typeof content === 'string' ? encoder.encode(content) : content);
      let child = abs;
      for (let slash = abs.lastIndexOf('/'); slash >= root.length; slash = child.lastIndexOf('/')) {
        const folder = child.slice(0, slash);
        const entries = this.folders.get(folder);
        const known = entries !== undefined;
        (entries ?? this.folders.set(folder, new Map()).get(folder)!).set(
          child.slice(slash + 1),
          child === abs ? 'file' : 'directory',
        );
        if (known) break;
        child = folder;
      }
    }
  }

  get totalBytes(): number {
    let sum = 0;
    for (const bytes of this.files.values()) sum += bytes.length;
    return sum;
  }

  readFile(absPath: string): Promise<Uint8Array> {
    return this.answer('readFile', absPath, () => {
      const bytes = this.files.get(absPath);
      if (!bytes) {
        this.failedReads++;
        throw new Error(`ENOENT: ${absPath}`);
      }
      this.bytesRead += bytes.length;
      this.readsByPath.set(absPath, (this.readsByPath.get(absPath) ?? 0) + 1);
      return bytes;
    });
  }

  stat(absPath: string): Promise<FsStat> {
    return this.answer('stat', absPath, () => {
      const bytes = this.files.get(absPath);
      if (bytes) return { type: 'file', size: bytes.length };
      if (this.folders.has(absPath)) return { type: 'directory', size: 0 };
      throw new Error(`ENOENT: ${absPath}`);
    });
  }

  readDirectory(absPath: string): Promise<Array<[string, FsEntryType]>> {
    return this.answer('readDirectory', absPath, () => {
      const entries = this.folders.get(absPath);
      if (!entries) throw new Error(`ENOENT: ${absPath}`);
      return [...entries];
    });
  }

  /** No links in memory: a path that exists is its own real path. */
  realPath(absPath: string): Promise<string> {
    return this.answer('realPath', absPath, () => {
      if (this.files.has(absPath) || this.folders.has(absPath)) return absPath;
      throw new Error(`ENOENT: ${absPath}`);
    });
  }

  private async answer<T>(
    kind: 'readFile' | 'stat' | 'readDirectory' | 'realPath',
    absPath: string,
    result: () => T,
  ): Promise<T> {
    this.calls[kind]++;
    this.onCall?.(kind, absPath);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) =>
        this.options.latencyMs ? setTimeout(resolve, this.options.latencyMs) : setImmediate(resolve),
      );
      return result();
    } finally {
      this.inFlight--;
    }
  }
}
