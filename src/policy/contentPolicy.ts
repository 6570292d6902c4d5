// The one gate deciding what may leave the machine, for the review, the chat and the delegation alike.
// Per file it answers "excluded, and why (in words for the user)" or nothing (it may be sent):
//   0. version-control metadata (.git/, .hg/, .svn/ …), for every reader,
//   1. secret file names (.env, *.pem, kubeconfig …),
//   2. the user's claudeMultiAgent.exclude, files.exclude, .gitignore / .git/info/exclude and the
//      global git excludes (core.excludesFile),
//   3. the real path: a file reached through a symbolic link must lie inside its workspace folder,
//      and the rules above apply to where it really is,
//   4. secret content (hand-written rules and secretlint's preset).
// A file that trips any rule is left out whole; nothing is sent redacted.
import ignore, { type Ignore } from 'ignore';
import { ExcludePatterns } from './excludePatterns';
import { joinPath, normaliseRoot, parentFolder, toSlash, workspaceRelative } from './paths';
import { secretFileNameReason, secretLocationReason } from './secretFileNames';
import { findSecret } from './secretScan';
import { vcsMetadataReason } from './vcsMetadata';
import type { WorkspaceFs } from './workspaceFs';

export type PolicyReason =
  | 'always-skipped'
  | 'secret'
  | 'user-exclude'
  | 'files-exclude'
  | 'gitignore'
  | 'outside-workspace'
  | 'too-large'
  | 'unreadable';

/** Files a tool reads whole (to scan them for secrets) at most; bigger ones are refused unread. */
export const MAX_READ_BYTES = 1024 * 1024;

export interface PolicyExclusion {
  /** As the caller named it (workspace-relative when inside the workspace); folders end with '/'. */
  path: string;
  reason: PolicyReason;
  /** Human-readable; names the rule, never a secret value. */
  detail: string;
}

/** .gitignore files and .git/info/exclude (the review's GitignoreRules): the pattern and file that ignore a path. */
export interface IgnoreFileMatcher {
  match(relPath: string, isFolder: boolean): Promise<string | undefined>;
}

/** The user's global git excludes file, read by a Node adapter outside the policy. */
export interface GlobalExcludes {
  /** Where it was read from, shown to the user. */
  source: string;
  text: string;
}

export interface ContentPolicyOptions {
  fs: WorkspaceFs;
  /** Absolute path of the workspace folder; without one only name and content rules apply. */
  root?: string;
  /** claudeMultiAgent.exclude (gitignore syntax). */
  exclude?: readonly string[];
  /** files.exclude globs whose value is true (VS Code syntax). */
  filesExclude?: readonly string[];
  ignoreFiles?: IgnoreFileMatcher;
  globalExcludes?: GlobalExcludes;
  /** readText refuses files bigger than this, before reading them (default MAX_READ_BYTES). */
  maxReadBytes?: number;
}

export class ContentPolicy {
  readonly root: string | undefined;
  private readonly exclude: ExcludePatterns;
  private readonly filesExclude: ExcludePatterns;
  private readonly global: Ignore | undefined;
  private realRoot: Promise<string | undefined> | undefined;

  constructor(private readonly options: ContentPolicyOptions) {
    this.root = options.root ? normaliseRoot(options.root) : undefined;
    this.exclude = ExcludePatterns.fromGitignoreSyntax(options.exclude);
    this.filesExclude = ExcludePatterns.fromVsCodeGlobs(options.filesExclude);
    const globalLines =
      options.globalExcludes?.text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#')) ?? [];
    this.global = globalLines.length > 0 ? ignore().add(globalLines) : undefined;
  }

  /** A policy with the same rules minus .gitignore (a diff from git has already applied it). */
  withoutIgnoreFiles(): ContentPolicy {
    return new ContentPolicy({ ...this.options, ignoreFiles: undefined });
  }

  /** Rules decided by the path alone. `relPath` is workspace-relative (folders without the trailing '/'). */
  async pathExclusion(relPath: string, isFolder: boolean): Promise<PolicyExclusion | undefined> {
    const shown = isFolder ? `${relPath}/` : relPath;
    const out = (reason: PolicyReason, detail: string): PolicyExclusion => ({ path: shown, reason, detail });
    const vcs = vcsMetadataReason(relPath, isFolder);
    if (vcs) return out('always-skipped', vcs);
    if (!isFolder) {
      const secret = secretFileNameReason(relPath);
      if (secret) return out('secret', secret);
    }
    // Where the root itself lies counts too: a file opened from outside every workspace folder is
    // reviewed with its own folder as root, and ~/.docker/config.json must not pass as config.json.
    const located =
      this.root === undefined ? undefined : this.locationExclusion(joinPath(this.root, relPath), isFolder);
    if (located) return out(located.reason, located.detail);
    const user = this.exclude.match(shown);
    if (user) return out('user-exclude', `matches '${user}' in claudeMultiAgent.exclude`);
    const files = this.filesExclude.match(shown);
    if (files) return out('files-exclude', `matches '${files}' in files.exclude`);
    const git = await this.options.ignoreFiles?.match(relPath, isFolder);
    if (git) return out('gitignore', `ignored by ${git}`);
    const global = this.globalMatch(shown);
    if (global)
      return out(
        'gitignore',
        `ignored by '${global}' in your global git excludes (${this.options.globalExcludes?.source ?? 'core.excludesFile'})`,
      );
    return undefined;
  }

  /**
   * Where the file really is: outside the workspace folder (through a symbolic link) it is refused, and
   * inside it the path rules apply to the real path as well as to the one it was named by.
   * `onMissing` decides for a path that cannot be resolved (text from an unsaved editor may have none).
   */
  async realPathExclusion(
    relPath: string,
    isFolder = false,
    onMissing: 'refuse' | 'allow' = 'refuse',
  ): Promise<PolicyExclusion | undefined> {
    if (this.root === undefined) return undefined;
    const realRoot = await this.resolvedRoot();
    let real: string;
    try {
      real = toSlash(await this.options.fs.realPath(joinPath(this.root, relPath)));
    } catch {
      return onMissing === 'allow'
        ? undefined
        : { path: relPath, reason: 'unreadable', detail: 'file could not be read' };
    }
    const realRel = realRoot === undefined ? undefined : workspaceRelative(realRoot, real);
    const shown = isFolder ? `${relPath}/` : relPath;
    if (realRel === undefined) {
      return {
        path: shown,
        reason: 'outside-workspace',
        detail: `a symbolic link to a ${isFolder ? 'folder' : 'file'} outside the workspace folder`,
      };
    }
    if (realRel === relPath) return undefined;
    const atTarget = await this.pathExclusion(realRel, isFolder);
    return atTarget
      ? {
          path: shown,
          reason: atTarget.reason,
          detail: `links to ${atTarget.path}, which is excluded: ${atTarget.detail}`,
        }
      : undefined;
  }

  /** Secret-shaped content; `where` turns the line within `text` into words ("on line 12"). */
  async contentExclusion(
    path: string,
    text: string,
    where: (line: number) => string,
  ): Promise<PolicyExclusion | undefined> {
    const secret = await findSecret(text);
    return secret ? { path, reason: 'secret', detail: `contains ${secret.rule} ${where(secret.line)}` } : undefined;
  }

  /**
   * Every rule, for text the user has open (a whole file or a selection whose first line is
   * `startLine`). `path` is absolute or workspace-relative; outside the workspace only the name and
   * content rules apply.
   */
  async editorTextExclusion(path: string, text: string, startLine = 1): Promise<PolicyExclusion | undefined> {
    const rel = this.root === undefined ? undefined : workspaceRelative(this.root, path);
    const shown = rel ?? toSlash(path);
    if (rel === undefined) {
      const vcs = vcsMetadataReason(shown, false);
      if (vcs) return { path: shown, reason: 'always-skipped', detail: vcs };
      const name = secretFileNameReason(shown);
      if (name) return { path: shown, reason: 'secret', detail: name };
    } else {
      const byPath = (await this.pathExclusion(rel, false)) ?? (await this.realPathExclusion(rel, false, 'allow'));
      if (byPath) return byPath;
    }
    return this.contentExclusion(shown, text, (line) => `on line ${startLine + line - 1}`);
  }

  /**
   * The one way a tool reads a workspace file: the text of `relPath`, or why it may not be sent. Every
   * rule applies (name, excludes, ignore files, real path, binary, secret content); nothing is read when
   * the path alone excludes it.
   */
  async readText(relPath: string): Promise<{ text: string } | { exclusion: PolicyExclusion }> {
    const refuse = (reason: PolicyReason, detail: string) => ({ exclusion: { path: relPath, reason, detail } });
    if (this.root === undefined) return refuse('outside-workspace', 'there is no workspace folder');
    const rel = workspaceRelative(this.root, relPath);
    if (rel === undefined || rel === '') return refuse('outside-workspace', 'it is outside the workspace folder');
    const byPath = (await this.pathExclusion(rel, false)) ?? (await this.realPathExclusion(rel, false, 'refuse'));
    if (byPath) return { exclusion: byPath };
    const abs = joinPath(this.root, rel);
    const limit = this.options.maxReadBytes ?? MAX_READ_BYTES;
    const tooLarge = (size: number) =>
      refuse('too-large', `it is ${formatBytes(size)}, over the ${formatBytes(limit)} a tool reads (left out unread)`);
    let bytes: Uint8Array;
    try {
      // Judged by size first, so a huge file is never read into memory.
      const { size } = await this.options.fs.stat(abs);
      if (size > limit) return tooLarge(size);
      bytes = await this.options.fs.readFile(abs);
    } catch {
      return refuse('unreadable', 'file could not be read');
    }
    if (bytes.length > limit) return tooLarge(bytes.length); // it grew since the stat
    if (bytes.subarray(0, 8192).includes(0)) return refuse('unreadable', 'it is a binary file');
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
    const secret = await this.contentExclusion(rel, text, (line) => `on line ${line}`);
    return secret ? { exclusion: secret } : { text };
  }

  /**
   * Why `relPath` may not be written (created or replaced), or undefined. Version-control metadata is
   * refused outright; the path rules apply; and the nearest folder that exists is resolved to its real
   * path, so a symbolic link cannot carry a new file out of the workspace folder (or into .git/).
   * Run when the edit is proposed and again just before it is applied.
   */
  async writeExclusion(relPath: string): Promise<PolicyExclusion | undefined> {
    const refuse = (reason: PolicyReason, detail: string): PolicyExclusion => ({ path: relPath, reason, detail });
    if (this.root === undefined) return refuse('outside-workspace', 'there is no workspace folder');
    const rel = workspaceRelative(this.root, relPath);
    if (rel === undefined || rel === '') return refuse('outside-workspace', 'it is outside the workspace folder');
    const byPath = await this.pathExclusion(rel, false);
    if (byPath) return byPath;
    const realRoot = await this.resolvedRoot();
    if (realRoot === undefined) return refuse('unreadable', 'the workspace folder could not be resolved');
    // The file itself when it exists (a link is followed), else its nearest existing folder.
    let existing = rel;
    let real: string | undefined;
    for (;;) {
      real = await this.options.fs.realPath(joinPath(this.root, existing)).then(toSlash, () => undefined);
      if (real !== undefined || existing === '') break;
      existing = parentFolder(existing);
    }
    if (real === undefined) return refuse('unreadable', 'the workspace folder could not be resolved');
    const realExisting = workspaceRelative(realRoot, real);
    if (realExisting === undefined) {
      const what = existing === rel ? 'it is a symbolic link' : `its folder ${existing}/ is a symbolic link`;
      return refuse('outside-workspace', `${what} to a place outside the workspace folder`);
    }
    const rest = existing === '' ? rel : rel.slice(existing.length + 1);
    const realRel = [realExisting, rest].filter(Boolean).join('/');
    if (realRel === rel) return undefined;
    const atTarget = await this.pathExclusion(realRel, false);
    return atTarget
      ? refuse(atTarget.reason, `it would be written to ${realRel} through a symbolic link: ${atTarget.detail}`)
      : undefined;
  }

  /** Version-control metadata or a credentials folder anywhere on the absolute path (the root's folders included). */
  private locationExclusion(abs: string, isFolder: boolean): Pick<PolicyExclusion, 'reason' | 'detail'> | undefined {
    const rootVcs = vcsMetadataReason(abs, isFolder);
    if (rootVcs) return { reason: 'always-skipped', detail: rootVcs };
    const secret = isFolder ? undefined : secretLocationReason(abs);
    return secret ? { reason: 'secret', detail: secret } : undefined;
  }

  private globalMatch(shown: string): string | undefined {
    if (!this.global || !ignore.isPathValid(shown.replace(/\/$/, ''))) return undefined;
    const result = this.global.test(shown);
    return result.ignored ? result.rule?.pattern : undefined;
  }

  private resolvedRoot(): Promise<string | undefined> {
    this.realRoot ??= this.options.fs.realPath(this.root!).then(
      (p) => normaliseRoot(p),
      () => undefined,
    );
    return this.realRoot;
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} bytes`;
}
