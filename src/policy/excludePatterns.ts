// files.exclude and claudeMultiAgent.exclude, both matched with the `ignore` package.
import ignore, { type Ignore } from 'ignore';
import { expandBraces } from './braceExpansion';

/** Patterns anchored at the workspace root; tests a workspace-relative path and its parent folders. */
export class ExcludePatterns {
  private readonly rules: Ignore;
  readonly isEmpty: boolean;

  constructor(patterns: readonly string[]) {
    const cleaned = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
    this.rules = ignore().add(cleaned);
    this.isEmpty = cleaned.length === 0;
  }

  /** gitignore-syntax patterns, as the claudeMultiAgent.exclude setting documents. */
  static fromGitignoreSyntax(patterns: readonly string[] = []): ExcludePatterns {
    return new ExcludePatterns(patterns);
  }

  /**
   * VS Code glob patterns: braces are expanded, and a pattern not starting with '**' is anchored at
   * the root (VS Code matches `out` only at the top, gitignore anywhere, so it becomes `/out`).
   */
  static fromVsCodeGlobs(globs: readonly string[] = []): ExcludePatterns {
    const patterns = globs
      .flatMap(expandBraces)
      .map((g) => g.trim().replace(/^\.\//, ''))
      .filter((g) => g !== '')
      .map((g) => (g.startsWith('**') || g.startsWith('/') ? g : `/${g}`));
    return new ExcludePatterns(patterns);
  }

  /** The matching pattern, or undefined. Folders should be passed with a trailing '/'. */
  match(relPath: string): string | undefined {
    if (this.isEmpty || !ignore.isPathValid(relPath.replace(/\/$/, ''))) return undefined;
    const result = this.rules.test(relPath);
    return result.ignored ? result.rule?.pattern : undefined;
  }
}
