// Nested .gitignore semantics: each folder's rules apply to paths below it, deeper files can
// re-include (`!x`) what shallower ones exclude, but nothing below an excluded folder comes back
// (git never looks inside it).
import ignore, { type Ignore } from 'ignore';
import { ancestorFolders, joinPath } from './paths';
import type { WorkspaceFs } from './workspaceFs';

export interface GitignoreSource {
  fs: WorkspaceFs;
  root: string;
  /** Overrides by folder ('' = root); other folders are read from disk. */
  texts?: Record<string, string>;
  signal?: AbortSignal;
}

export class GitignoreRules {
  private readonly levels = new Map<string, Promise<Ignore | undefined>>();
  private readonly folderVerdicts = new Map<string, Promise<string | undefined>>();

  constructor(private readonly source: GitignoreSource) {}

  /**
   * The pattern (with the .gitignore that holds it) excluding `relPath`, or undefined.
   * Checks every parent folder first, so a nested `!pattern` cannot re-include a file of an ignored folder.
   */
  async match(relPath: string, isFolder: boolean): Promise<string | undefined> {
    const folders = ancestorFolders(relPath).slice(1);
    for (const folder of folders) {
      const verdict = await this.folderVerdict(folder);
      if (verdict) return verdict;
    }
    return this.matchOne(relPath, isFolder);
  }

  private folderVerdict(folder: string): Promise<string | undefined> {
    let verdict = this.folderVerdicts.get(folder);
    if (!verdict) {
      verdict = this.matchOne(folder, true);
      this.folderVerdicts.set(folder, verdict);
    }
    return verdict;
  }

  /** Applies the levels outermost first; the last level with a matching rule decides. */
  private async matchOne(relPath: string, isFolder: boolean): Promise<string | undefined> {
    let decided: string | undefined;
    for (const folder of ancestorFolders(relPath)) {
      const rules = await this.level(folder);
      if (!rules) continue;
      const local = folder === '' ? relPath : relPath.slice(folder.length + 1);
      if (!ignore.isPathValid(local)) continue;
      const result = rules.test(isFolder ? `${local}/` : local);
      if (result.ignored) decided = `'${result.rule?.pattern.trim() ?? '?'}' in ${result.rule?.mark ?? '.gitignore'}`;
      else if (result.unignored) decided = undefined;
    }
    return decided;
  }

  private level(folder: string): Promise<Ignore | undefined> {
    let level = this.levels.get(folder);
    if (!level) {
      level = this.load(folder);
      this.levels.set(folder, level);
    }
    return level;
  }

  private async load(folder: string): Promise<Ignore | undefined> {
    const file = folder === '' ? '.gitignore' : `${folder}/.gitignore`;
    const sources: Array<[mark: string, text: string | undefined]> = [];
    // .git/info/exclude ranks below the root .gitignore, so it is added first.
    if (folder === '') sources.push(['.git/info/exclude', await this.read('.git/info/exclude')]);
    sources.push([file, this.source.texts?.[folder] ?? (await this.read(file))]);
    const patterns = sources.flatMap(([mark, text]) =>
      (text ?? '').split(/\r?\n/).filter((line) => line.trim() !== '').map((pattern) => ({ pattern, mark })),
    );
    return patterns.length === 0 ? undefined : ignore().add(patterns);
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
