// Step 3b of the pipeline, and a sweep's: the project's rules files (CLAUDE.md, REVIEW.md, AGENTS.md,
// Copilot's and Cursor's rules) for the reviewed files, through the review's own content policy; they
// go before the code in the shared block. None in an untrusted folder. A diff review with a base
// (FileSource.rulesAt) reads them as they were there, with that revision's ignore files, and lists the
// rules files the change touches as changed, not applied.
import { normaliseRoot } from '../../policy';
import { boundedFs, estimateTokens, parseUnifiedDiff, pathRulesFor, type ReviewTarget } from '../context';
import {
  changedRulesFiles,
  DEFAULT_RULES_SETTINGS,
  discoverProjectRules,
  renderChangedRulesNote,
  type ProjectRules,
} from '../rules';
import type { FileSource, ReviewSettings } from './ports';

export async function readProjectRules(
  files: FileSource,
  settings: Pick<ReviewSettings, 'exclude' | 'rules'>,
  reviewed: readonly string[],
  options: { signal?: AbortSignal; target?: ReviewTarget } = {},
): Promise<ProjectRules> {
  const { signal, target } = options;
  const rulesSettings = settings.rules ?? DEFAULT_RULES_SETTINGS;
  const fs = boundedFs(files.rulesAt?.fs ?? files.fs, signal);
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
  const rules = await discoverProjectRules({
    ...rulesSettings,
    fs,
    root,
    policy,
    reviewed: [...new Set(reviewed)],
    trusted: files.trusted === true,
    ...(signal && { signal }),
  });
  if (!files.rulesAt || rules.untrusted) return rules;
  const touched =
    target?.kind === 'diff' ? parseUnifiedDiff(target.diffText).flatMap((f) => [f.oldPath, f.newPath]) : [];
  const changed = changedRulesFiles(touched, rulesSettings);
  if (!changed.length) return { ...rules, readAt: files.rulesAt.revision };
  const systemText = [rules.systemText, renderChangedRulesNote(changed)].filter(Boolean).join('\n');
  return { ...rules, systemText, tokens: estimateTokens(systemText), readAt: files.rulesAt.revision, changed };
}
