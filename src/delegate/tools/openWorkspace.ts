// The workspace the sub-agents see: one content policy with every rule the review applies (secret
// names, the user's excludes, files.exclude, .gitignore files, global git excludes, real paths).
import { ContentPolicy, type GlobalExcludes, type WorkspaceFs } from '../../policy';
import { GitignoreRules } from '../../review';
import type { AgentWorkspace } from './workspace';

export interface OpenWorkspaceInput {
  root: string;
  fs: WorkspaceFs;
  exclude?: readonly string[];
  filesExclude?: readonly string[];
  globalExcludes?: GlobalExcludes;
  /** Off only where git's rules do not apply (default true). */
  respectGitignore?: boolean;
}

export function openAgentWorkspace(input: OpenWorkspaceInput): AgentWorkspace {
  const policy = new ContentPolicy({
    fs: input.fs,
    root: input.root,
    ...(input.exclude && { exclude: input.exclude }),
    ...(input.filesExclude && { filesExclude: input.filesExclude }),
    ...(input.globalExcludes && { globalExcludes: input.globalExcludes }),
    ...(input.respectGitignore !== false && { ignoreFiles: new GitignoreRules({ fs: input.fs, root: input.root }) }),
  });
  return { root: policy.root ?? input.root, policy, fs: input.fs };
}
