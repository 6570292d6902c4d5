// claudeMultiAgent.exclude (gitignore syntax, matched with the `ignore` package) and VS Code globs
// (files.exclude and the like, matched by GlobMatcher: braces are alternation, never expanded).
import ignore from 'ignore';
import { GlobMatcher } from './globMatcher';

/** Patterns anchored at the workspace root; tests a workspace-relative path and its parent folders. */
export class ExcludePatterns {
  private constructor(
    private readonly matcher: (relPath: string) => string | undefined,
    readonly isEmpty: boolean,
  ) {}

  /** gitignore-syntax patterns, as the claudeMultiAgent.exclude setting documents. */
  static fromGitignoreSyntax(patterns: readonly string[] = []): ExcludePatterns {
    const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
    const rules = ignore().add(cleaned);
    return new ExcludePatterns((relPath) => {
      if (!ignore.isPathValid(relPath.replace(/\/$/, ''))) return undefined;
      const result = rules.test(relPath);
      return result.ignored ? result.rule?.pattern : undefined;
    }, cleaned.length === 0);
  }

  /**
   * VS Code glob patterns: `{a,b}` alternatives, and anchored at the root (VS Code matches `out`
   * only at the top, gitignore anywhere). The glob reported is the one as written.
   */
  static fromVsCodeGlobs(globs: readonly string[] = []): ExcludePatterns {
    const matcher = new GlobMatcher(globs);
    return new ExcludePatterns((relPath) => matcher.match(relPath), matcher.isEmpty);
  }

  /** The matching pattern, or undefined. Folders should be passed with a trailing '/'. */
  match(relPath: string): string | undefined {
    return this.isEmpty ? undefined : this.matcher(relPath);
  }
}
