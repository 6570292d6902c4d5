// Nested .gitignore semantics: each folder's rules apply to paths below it, deeper files can
// re-include (`!x`) what shallower ones exclude, but nothing below an excluded folder comes back
// (git never looks inside it).
//
// Cost is linear in the entries walked: a folder's verdict and its chain of rule levels are built
// once from its parent's, and a .gitignore is read only where a folder listing shows one.
import ignore, { type Ignore } from 'ignore';
import { joinPath, parentFolder } from './paths';
import type { FsEntryType, WorkspaceFs } from './workspaceFs';

export interface GitignoreSource {
  fs: WorkspaceFs;
  root: string;
  /** Overrides by folder ('' = root); other folders are read from disk. */
  texts?: Record<string, string>;
  signal?: AbortSignal;
}

/** A folder with rules, linked to the nearest enclosing folder with rules. */
interface Level {
  folder: string;
  rules: Ignore;
  outer: Level | undefined;
}

interface FolderFacts {
  hasGitignore: boolean;
  /** Only meaningful for the root: `.git` is a folder, so `.git/info/exclude` may exist. */
  hasGitFolder: boolean;
}

export class GitignoreRules {
  private readonly facts = new Map<string, Promise<FolderFacts>>();
  private readonly chains = new Map<string, Promise<Level | undefined>>();
  private readonly folderVerdicts = new Map<string, Promise<string | undefined>>();

  constructor(private readonly source: GitignoreSource) {}

  /** The walk passes each folder listing it reads, so no folder is read twice and no missing .gitignore is opened. */
  noteListing(folder: string, entries: ReadonlyArray<readonly [string, FsEntryType]>): void {
    if (this.facts.has(folder)) return;
    this.facts.set(folder, Promise.resolve(factsOf(entries)));
  }

  /**
   * The pattern (with the .gitignore that holds it) excluding `relPath`, or undefined.
   * Checks the parent folders first, so a nested `!pattern` cannot re-include a file of an ignored folder.
   */
  match(relPath: string, isFolder: boolean): Promise<string | undefined> {
    return isFolder ? this.folderVerdict(relPath) : this.decide(relPath, false);
  }

  /** Remembered per folder, so each path is decided from its parent's verdict in constant steps. */
  private folderVerdict(folder: string): Promise<string | undefined> {
    let verdict = this.folderVerdicts.get(folder);
    if (!verdict) {
      verdict = this.decide(folder, true);
      this.folderVerdicts.set(folder, verdict);
    }
    return verdict;
  }

  /** Excluded when the parent folder is, or else when the rules that apply inside the parent say so. */
  private async decide(relPath: string, isFolder: boolean): Promise<string | undefined> {
    const parent = parentFolder(relPath);
    if (parent !== '') {
      const verdict = await this.folderVerdict(parent);
      if (verdict) return verdict;
    }
    return matchLevels(await this.chain(parent), relPath, isFolder);
  }

  /** The innermost level with rules that applies inside `folder`. */
  private chain(folder: string): Promise<Level | undefined> {
    let chain = this.chains.get(folder);
    if (!chain) {
      chain = this.buildChain(folder);
      this.chains.set(folder, chain);
    }
    return chain;
  }

  private async buildChain(folder: string): Promise<Level | undefined> {
    const outer = folder === '' ? undefined : await this.chain(parentFolder(folder));
    const rules = await this.load(folder);
    return rules ? { folder, rules, outer } : outer;
  }

  private async load(folder: string): Promise<Ignore | undefined> {
    const file = folder === '' ? '.gitignore' : `${folder}/.gitignore`;
    const given = this.source.texts?.[folder];
    const facts = given === undefined || folder === '' ? await this.folderFacts(folder) : undefined;
    const sources: Array<[mark: string, text: string | undefined]> = [];
    // .git/info/exclude ranks below the root .gitignore, so it is added first.
    if (folder === '' && facts?.hasGitFolder) sources.push(['.git/info/exclude', await this.read('.git/info/exclude')]);
    sources.push([file, given ?? (facts?.hasGitignore ? await this.read(file) : undefined)]);
    const patterns = sources.flatMap(([mark, text]) =>
      (text ?? '')
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((pattern) => ({ pattern, mark })),
    );
    return patterns.length === 0 ? undefined : ignore().add(patterns);
  }

  /** What the walk's listing said, or (for a path named directly) one listing of that folder. */
  private folderFacts(folder: string): Promise<FolderFacts> {
    let facts = this.facts.get(folder);
    if (!facts) {
      facts = this.source.fs
        .readDirectory(joinPath(this.source.root, folder))
        .then(factsOf, () => ({ hasGitignore: false, hasGitFolder: false }));
      this.facts.set(folder, facts);
    }
    return facts;
  }

  private async read(rel: string): Promise<string | undefined> {
    this.source.signal?.throwIfAborted();
    try {
      const bytes = await this.source.fs.readFile(joinPath(this.source.root, rel));
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }
}

function factsOf(entries: ReadonlyArray<readonly [string, FsEntryType]>): FolderFacts {
  let hasGitignore = false;
  let hasGitFolder = false;
  for (const [name, type] of entries) {
    if (name === '.gitignore' && type === 'file') hasGitignore = true;
    if (name === '.git' && type === 'directory') hasGitFolder = true;
  }
  return { hasGitignore, hasGitFolder };
}

/** The innermost level whose rules decide (ignore or re-include) wins, as in git. */
function matchLevels(level: Level | undefined, relPath: string, isFolder: boolean): string | undefined {
  for (; level; level = level.outer) {
    const local = level.folder === '' ? relPath : relPath.slice(level.folder.length + 1);
    if (!ignore.isPathValid(local)) continue;
    const result = level.rules.test(isFolder ? `${local}/` : local);
    if (result.ignored) return `'${result.rule?.pattern.trim() ?? '?'}' in ${result.rule?.mark ?? '.gitignore'}`;
    if (result.unignored) return undefined;
  }
  return undefined;
}
