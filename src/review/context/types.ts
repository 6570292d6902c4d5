import type { GlobalExcludes } from '../../policy';
import type { WorkspaceFs } from './workspaceFs';

/** Lines the user selected in an editor; `path` may be absolute or workspace-relative. */
export interface SelectionTarget {
  kind: 'selection';
  path: string;
  /** 1-based line number of the first selected line, as in the file. */
  startLine: number;
  /** 1-based; recomputed from `text` when they disagree (a selection ending at column 0 of the next line). */
  endLine: number;
  text: string;
}

/** Files and/or folders (folders are walked recursively). Absolute or workspace-relative. */
export interface PathsTarget {
  kind: 'paths';
  paths: string[];
}

/** Unified `git diff` output, with paths relative to the workspace root (run git there or use --relative). */
export interface DiffTarget {
  kind: 'diff';
  diffText: string;
  /** What the changes are, completing "The code under review is …" (default: the uncommitted changes). */
  describes?: string;
  /** What the author says the change is for (commit messages, a pull request's description); sent to every expert. */
  intent?: string;
  /** Only these files of the diff (one context group of a larger change); the others are not part of this target. */
  paths?: readonly string[];
}

export type ReviewTarget = SelectionTarget | PathsTarget | DiffTarget;

export interface GatherOptions {
  /** Approximate token budget for the file listings (see estimateTokens). */
  budgetTokens: number;
  /** Honour .gitignore files (root, nested, and .git/info/exclude) for every target kind. Default true. */
  respectGitignore?: boolean;
  /**
   * .gitignore contents keyed by workspace-relative folder ('' = root). A folder listed here is not
   * read from disk; others are read while walking.
   */
  gitignoreText?: Record<string, string>;
  /** VS Code `files.exclude` globs whose value is true (VS Code glob syntax, braces allowed). */
  filesExclude?: string[];
  /** The `claudeMultiAgent.exclude` setting (gitignore syntax). Applies to every target kind. */
  extraExclude?: string[];
  /** The user's global git excludes (core.excludesFile), read by a Node adapter. */
  globalExcludes?: GlobalExcludes;
  /** Files bigger than this are left out unread. Default 512 KiB. */
  maxFileBytes?: number;
  /** The folder walk stops after this many files. Default 2000. */
  maxFiles?: number;
  /** Aborting rejects with the signal's reason; no file-system call starts after that. */
  signal?: AbortSignal;
  /** Told how far gathering got, every few dozen files (folder targets only). */
  onProgress?: (progress: GatherProgress) => void;
  /**
   * Leave the project's instruction files (rules files, `.claude/agents/*.md`) out of a 'paths' target's
   * files: context, not code under review (a sweep). `extraPaths`: review.extraRulesFiles.
   */
  instructionsAsContext?: { extraPaths: readonly string[] };
}

export interface GatherProgress {
  /** Files the folder walk has found so far (before exclusions). */
  filesFound: number;
  /** Files read and checked so far; 0 while the walk runs. */
  filesRead: number;
}

export interface GatherInput extends GatherOptions {
  fs: WorkspaceFs;
  /** Absolute path of the workspace folder; output paths are relative to it. */
  workspaceRoot: string;
  target: ReviewTarget;
}

export type ExclusionReason =
  | 'always-skipped' // .git, node_modules, build output folders
  | 'gitignore'
  | 'files-exclude'
  | 'user-exclude' // claudeMultiAgent.exclude
  | 'lock-file'
  | 'instructions' // rules files and agent definitions: context, not code (sweeps)
  | 'generated'
  | 'minified'
  | 'binary'
  | 'secret'
  | 'too-large' // over maxFileBytes
  | 'budget' // did not fit in budgetTokens
  | 'max-files' // walk stopped at maxFiles
  | 'empty'
  | 'deleted' // removed in the diff: nothing in the working tree to point at
  | 'not-found'
  | 'outside-workspace'
  | 'unreadable';

export interface ExcludedFile {
  /** Workspace-relative, forward slashes; folders end with '/'. */
  path: string;
  reason: ExclusionReason;
  /** Human-readable; names the rule, never a secret value. */
  detail: string;
  /** Size on disk, when known. */
  bytes?: number;
  /** Estimated tokens the listing would have cost (budget exclusions). */
  tokens?: number;
}

/** One included range; a diff yields one entry per hunk. */
export interface IncludedFile {
  path: string;
  startLine: number;
  endLine: number;
  /** Estimated tokens of this range's listing. */
  tokens: number;
}

/**
 * What the experts were shown, line by line, as data: path → line number → text. Built with the
 * listings, never read back from the rendered text: findings are fingerprinted and fixes checked
 * against it.
 */
export type Listing = ReadonlyMap<string, ReadonlyMap<number, string>>;

export interface GatheredContext {
  /** The shared, cacheable system block: header plus numbered listings. Deterministic. */
  systemText: string;
  files: IncludedFile[];
  /** The numbered lines of `systemText`, as data. */
  listing: Listing;
  excluded: ExcludedFile[];
  /** estimateTokens(systemText). */
  totalTokens: number;
  /** Diff scopes only: the lines the diff changed (added or modified), per file, numbered in the new text. */
  changedLines?: ReadonlyMap<string, ReadonlyArray<{ startLine: number; endLine: number }>>;
}
