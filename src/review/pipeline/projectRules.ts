// The project's rules files (CLAUDE.md, REVIEW.md, AGENTS.md, Copilot's and Cursor's rules) for the
// reviewed files, read through the same file system and content policy as the code: a review and a
// sweep put them before the code in their shared block. None in an untrusted folder.
import { normaliseRoot } from '../../policy';
import { boundedFs, pathRulesFor } from '../context';
import { DEFAULT_RULES_SETTINGS, discoverProjectRules, type ProjectRules } from '../rules';
import type { FileSource, ReviewSettings } from './ports';

export function readProjectRules(
  files: FileSource,
  settings: Pick<ReviewSettings, 'exclude' | 'rules'>,
  reviewed: readonly string[],
  signal?: AbortSignal,
): Promise<ProjectRules> {
  const fs = boundedFs(files.fs, signal);
  const root = normaliseRoot(files.root);
  const policy = pathRulesFor(
    {
      fs,
      filesExclude: files.filesExclude ?? [],
      extraExclude: settings.exclude,
      ...(files.globalExcludes && { globalExcludes: files.globalExcludes }),
      ...(signal && { signal }),
    },
    root,
  ).policy;
  return discoverProjectRules({
    ...(settings.rules ?? DEFAULT_RULES_SETTINGS),
    fs,
    root,
    policy,
    reviewed: [...new Set(reviewed)],
    trusted: files.trusted === true,
    ...(signal && { signal }),
  });
}
