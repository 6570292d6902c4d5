// The one way this extension and the command line run git. A repository's own config (.git/config,
// .gitattributes) can name programs for git to run: an fsmonitor hook, hooks, an external diff,
// textconv and clean filters, a signature verifier (gpg.program and its ssh/x509 kin, run by
// log.showSignature), and a nested repository's own config when git looks inside it. Every call here
// switches those off, and git itself is found on PATH entries outside the workspace, so a folder cannot
// plant its own `git` either. Node-only; no shell is ever involved.
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Options every call carries, before the subcommand. */
const SAFE_CONFIG = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.untrackedCache', 'false'],
  // Reading a signed commit would run gpg.program (or gpg.ssh.program, gpg.x509.program) to verify it.
  ['log.showSignature', 'false'],
  // Nested repositories are never looked into (their config would apply there: filters, fsmonitor).
  ['diff.ignoreSubmodules', 'all'],
  ['submodule.recurse', 'false'],
  // The diff parser reads a/ and b/ paths: the repository does not choose other prefixes.
  ['diff.noprefix', 'false'],
  ['diff.mnemonicPrefix', 'false'],
  ['diff.srcPrefix', 'a/'],
  ['diff.dstPrefix', 'b/'],
].flatMap(([key, value]) => ['-c', `${key}=${value}`]);
/** Subcommands that accept (and may otherwise honour) external diff and textconv drivers. */
const DIFF_LIKE = new Set(['diff', 'log', 'show']);
/**
 * Their options: no external diff or textconv, and no look inside a nested repository (git would run
 * `git status` there, under that repository's own config, to see whether it changed).
 */
const DIFF_SAFETY = ['--no-ext-diff', '--no-textconv', '--ignore-submodules=all'];

export class GitError extends Error {}

export interface GitRunnerOptions {
  /** Folders git must never be taken from (the workspace folders). */
  untrustedRoots: readonly string[];
  /** PATH to search; defaults to process.env.PATH. */
  path?: string;
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * An absolute path to git from the PATH entries that are absolute and lie outside every untrusted root,
 * or undefined when there is none (a relative entry such as `.` would resolve inside the workspace).
 */
export function findGit(options: GitRunnerOptions): string | undefined {
  const roots = options.untrustedRoots.map(canonical);
  const names = process.platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];
  for (const dir of (options.path ?? process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const real = canonical(dir);
    if (roots.some((root) => isInside(real, root))) continue;
    for (const name of names) {
      const candidate = join(real, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        // A symlink in a trusted folder pointing back into the workspace is refused too.
        if (roots.some((root) => isInside(canonical(candidate), root))) continue;
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/** The arguments actually passed to git for `args`: safety switches first, diff drivers off. */
export function safeGitArgs(args: readonly string[], neutralisedFilters: readonly string[] = []): string[] {
  const [sub, ...rest] = args;
  if (!sub) throw new GitError('No git subcommand given.');
  const filters = neutralisedFilters.flatMap((name) => [
    '-c',
    `filter.${name}.clean=`,
    '-c',
    `filter.${name}.smudge=`,
    '-c',
    `filter.${name}.process=`,
    '-c',
    `filter.${name}.required=false`,
  ]);
  const drivers = DIFF_LIKE.has(sub) ? DIFF_SAFETY : [];
  return [...SAFE_CONFIG, ...filters, sub, ...drivers, ...rest];
}

export interface GitRunner {
  /** Runs git in `cwd`; exit codes in `okCodes` count as success (their stdout is returned). */
  run(cwd: string, args: readonly string[], okCodes?: readonly number[]): Promise<string>;
}

/** A runner bound to one git executable, with clean/smudge filters named by the repository switched off. */
export function createGitRunner(options: GitRunnerOptions): GitRunner {
  const git = findGit(options);
  const filtersByRepo = new Map<string, Promise<string[]>>();

  const exec = async (cwd: string, sub: string, argv: string[], okCodes: readonly number[]): Promise<string> => {
    if (!git)
      throw new GitError(
        'git was not found on PATH (outside this workspace): install git to review uncommitted changes.',
      );
    try {
      const { stdout } = await run(git, argv, {
        cwd,
        shell: false,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_OPTIONAL_LOCKS: '0',
          GIT_EXTERNAL_DIFF: '',
          GIT_PAGER: 'cat',
        },
      });
      return stdout;
    } catch (err) {
      const e = err as { code?: number | string; stdout?: string; stderr?: string };
      if (typeof e.code === 'number' && okCodes.includes(e.code) && typeof e.stdout === 'string') return e.stdout;
      throw new GitError(`git ${sub} failed: ${(e.stderr ?? String(err)).trim()}`);
    }
  };

  /** Names of filter drivers the config defines: reading config runs nothing. */
  const filtersOf = (cwd: string): Promise<string[]> => {
    let found = filtersByRepo.get(cwd);
    if (!found) {
      found = exec(
        cwd,
        'config',
        safeGitArgs(['config', '--null', '--name-only', '--get-regexp', '^filter\\.']),
        [1],
      ).then((out) => {
        const names = [
          ...new Set(
            out
              .split('\0')
              .map((key) => /^filter\.(.+)\.[^.]+$/s.exec(key.trim())?.[1])
              .filter((n): n is string => !!n),
          ),
        ];
        // `-c name=value` splits at the first '=': a driver named with one could not be switched off.
        if (names.some((n) => /[=\n\0]/.test(n)))
          throw new GitError(
            'This repository defines a git filter whose name cannot be neutralised; not running git here.',
          );
        return names;
      });
      filtersByRepo.set(cwd, found);
    }
    return found;
  };

  return {
    async run(cwd, args, okCodes = [0]) {
      return exec(cwd, args[0] ?? '', safeGitArgs(args, await filtersOf(cwd)), okCodes);
    },
  };
}
