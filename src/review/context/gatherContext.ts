// Turns what the user picked into the shared, cacheable system block plus an honest list of what
// was left out. Dispatches on the target kind; the rules shared by all kinds are built here.
import { ContentPolicy } from '../../policy';
import { Budget } from './assembly';
import { boundedFs } from './boundedFs';
import { gatherDiff } from './gatherDiff';
import { gatherPaths } from './gatherPaths';
import { gatherSelection } from './gatherSelection';
import { GitignoreRules } from './gitignoreRules';
// The one place that knows the instruction files' paths (a leaf module: no cycle through rules' index).
import { instructionFileReason } from '../rules/instructionFiles';
import type { PathRules } from './pathRules';
import { normaliseRoot } from './paths';
import type { GatheredContext, GatherInput, GatherOptions } from './types';
import type { WorkspaceFs } from './workspaceFs';

export { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES } from './limits';

/**
 * Rejects with NothingToReviewError (a user-facing message) when the target is empty or everything
 * was left out, and with the signal's reason when aborted.
 */
export async function gatherContext(given: GatherInput): Promise<GatheredContext> {
  given.signal?.throwIfAborted();
  const input: GatherInput = { ...given, fs: boundedFs(given.fs, given.signal) };
  const root = normaliseRoot(input.workspaceRoot);
  const rules: PathRules = {
    ...pathRulesFor(input, root),
    ...(input.instructionsAsContext && {
      instructions: (path: string) => instructionFileReason(path, input.instructionsAsContext!.extraPaths),
    }),
  };
  const budget = new Budget(Math.max(0, input.budgetTokens));
  const { target } = input;
  switch (target.kind) {
    case 'selection':
      return gatherSelection(target, rules, budget);
    case 'paths':
      return gatherPaths(target, input, root, rules, budget);
    case 'diff':
      return gatherDiff(target, rules, budget);
  }
}

/**
 * The content policy of a review (the user's excludes, files.exclude, .gitignore, global excludes,
 * secrets) and the .gitignore rules it consults; anything else a review sends (project rules files)
 * passes the same one.
 */
export function pathRulesFor(
  input: Pick<
    GatherOptions,
    'respectGitignore' | 'gitignoreText' | 'filesExclude' | 'extraExclude' | 'globalExcludes' | 'signal'
  > & { fs: WorkspaceFs },
  root: string,
): PathRules {
  const ignoreFiles =
    input.respectGitignore === false
      ? undefined
      : new GitignoreRules({ fs: input.fs, root, texts: input.gitignoreText, signal: input.signal });
  return {
    policy: new ContentPolicy({
      fs: input.fs,
      root,
      exclude: input.extraExclude,
      filesExclude: input.filesExclude,
      ...(ignoreFiles && { ignoreFiles }),
      ...(input.globalExcludes && { globalExcludes: input.globalExcludes }),
    }),
    ...(ignoreFiles && { gitignore: ignoreFiles }),
  };
}
