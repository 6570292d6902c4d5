// A folder as it was at one commit, read through git's object store: what a diff review reads its
// rules files from (the change's base), so the change under review cannot choose its reviewer's rules.
// Read-only, through the safe runner; blobs are read raw (no filter, no textconv), symbolic links and
// nested repositories are 'other' and never followed.
import type { FsEntryType, FsStat, WorkspaceFs } from '../policy';
import { normaliseRoot, toSlash, workspaceRelative } from '../policy';
import type { GitRunner } from './safeGit';

interface TreeEntry {
  type: FsEntryType;
  size: number;
  /** The blob's object id, for files. */
  oid?: string;
}

const MISSING = (absPath: string) => Object.assign(new Error(`Not in the revision: ${absPath}`), { code: 'ENOENT' });

/** `<mode> <type> <oid> <size>\t<name>` records of `git ls-tree -z -l`. */
function parseTree(out: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, kind, oid, size] = record.slice(0, tab).split(/ +/);
    const name = record.slice(tab + 1);
    if (kind === 'tree') entries.set(name, { type: 'directory', size: 0 });
    // Regular files only: a link (120000) would be read as its target's path, a gitlink has no blob.
    else if (kind === 'blob' && (mode === '100644' || mode === '100755'))
      entries.set(name, { type: 'file', size: Number(size), ...(oid && { oid }) });
    else entries.set(name, { type: 'other', size: 0 });
  }
  return entries;
}

/**
 * The folder `root` (a work tree or a folder inside one) as it was at `commit`; with no commit (a
 * repository without one yet), an empty folder.
 */
export function gitRevisionFs(root: string, commit: string | undefined, git: GitRunner): WorkspaceFs {
  const base = normaliseRoot(toSlash(root));
  let prefix: Promise<string> | undefined;
  const trees = new Map<string, Promise<Map<string, TreeEntry> | undefined>>();

  /** The folder's path inside the repository ("" at the top, else "sub/dir/"). */
  const repoPrefix = () => (prefix ??= git.run(root, ['rev-parse', '--show-prefix']).then((p) => p.trim()));

  const treeOf = (dir: string): Promise<Map<string, TreeEntry> | undefined> => {
    let tree = trees.get(dir);
    if (!tree) {
      tree = commit
        ? repoPrefix().then((p) =>
            // `<commit>:<path>` names the path literally (no pathspec magic); a missing folder rejects.
            // --full-tree: in a sub-folder, ls-tree would otherwise list only names under it again.
            git
              .run(root, ['ls-tree', '--full-tree', '-z', '-l', `${commit}:${p}${dir}`])
              .then(parseTree, () => undefined),
          )
        : Promise.resolve(dir === '' ? new Map<string, TreeEntry>() : undefined);
      trees.set(dir, tree);
    }
    return tree;
  };

  const relOf = (absPath: string): string => {
    const rel = workspaceRelative(base, toSlash(absPath));
    if (rel === undefined || rel.split('/').includes('..')) throw MISSING(absPath);
    return rel;
  };

  const entryOf = async (absPath: string): Promise<TreeEntry> => {
    const rel = relOf(absPath);
    if (rel === '') return { type: 'directory', size: 0 };
    const slash = rel.lastIndexOf('/');
    const tree = await treeOf(slash < 0 ? '' : `${rel.slice(0, slash)}/`);
    const entry = tree?.get(rel.slice(slash + 1));
    if (!entry) throw MISSING(absPath);
    return entry;
  };

  return {
    async stat(absPath): Promise<FsStat> {
      const { type, size } = await entryOf(absPath);
      return { type, size };
    },
    async readFile(absPath) {
      const entry = await entryOf(absPath);
      if (entry.type !== 'file' || !entry.oid) throw MISSING(absPath);
      return new TextEncoder().encode(await git.run(root, ['cat-file', 'blob', entry.oid]));
    },
    async readDirectory(absPath) {
      const rel = relOf(absPath);
      const tree = await treeOf(rel === '' ? '' : `${rel}/`);
      if (!tree) throw MISSING(absPath);
      return [...tree].map(([name, e]): [string, FsEntryType] => [name, e.type]);
    },
    // Nothing in a tree is a link that could lead out of it: a path is its own real path.
    async realPath(absPath) {
      await entryOf(absPath);
      return absPath;
    },
  };
}
