// Step 3b of the pipeline: the project's rules files for the gathered files, through the review's own
// content policy. A diff review with a base (FileSource.rulesAt) reads them as they were there, with
// that revision's ignore files, and lists the rules files the change touches as changed, not applied.
import { normaliseRoot } from '../../policy';
import { boundedFs, estimateTokens, parseUnifiedDiff, pathRulesFor, type GatheredContext } from '../context';
import {
  changedRulesFiles,
  DEFAULT_RULES_SETTINGS,
  discoverProjectRules,
  renderChangedRulesNote,
  type ProjectRules,
} from '../rules';
import type { ReviewPipelineInput } from './reviewPipeline';

export async function readProjectRules(input: ReviewPipelineInput, context: GatheredContext): Promise<ProjectRules> {
  const { files, settings, signal, target } = input;
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
    reviewed: [...new Set(context.files.map((f) => f.path))],
    trusted: files.trusted === true,
    ...(signal && { signal }),
  });
  if (!files.rulesAt || rules.untrusted) return rules;
  const touched =
    target.kind === 'diff' ? parseUnifiedDiff(target.diffText).flatMap((f) => [f.oldPath, f.newPath]) : [];
  const changed = changedRulesFiles(touched, rulesSettings);
  if (!changed.length) return { ...rules, readAt: files.rulesAt.revision };
  const systemText = [rules.systemText, renderChangedRulesNote(changed)].filter(Boolean).join('\n');
  return { ...rules, systemText, tokens: estimateTokens(systemText), readAt: files.rulesAt.revision, changed };
}
