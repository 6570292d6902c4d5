// The review pipeline on plain Node: files through node:fs, the user's global git excludes, the
// built-in experts unless others are given, a client given by the caller. The command line runs its
// reviews through this (and the tests through the same), so the wiring that is tested is the one shipped.
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientConfig, Logger } from '../core';
import type { GlobalExcludes } from '../policy';
import {
  BUILTIN_EXPERTS,
  DEFAULT_REVIEW_SETTINGS,
  runReviewPipeline,
  type ExpertDefinition,
  type ExpertProblem,
  type ReviewListener,
  type ReviewPipelineInput,
  type ReviewPipelineResult,
  type ReviewSettings,
  type ReviewStore,
  type ReviewTarget,
  type RulesSource,
} from '../review';
import { readGlobalGitExcludes } from './globalGitExcludes';
import { nodeWorkspaceFs } from './nodeWorkspaceFs';

export interface NodeReviewInput {
  /** Absolute path of the folder the target's paths are relative to. */
  root: string;
  target: ReviewTarget;
  /** What was picked, in words (default: the target's paths). */
  title?: string;
  /** How to reach the API; undefined stops the review before anything is read. */
  client: Anthropic | ClientConfig | undefined;
  experts?: readonly ExpertDefinition[];
  /** Expert definitions that could not be used, reported before anything is read. */
  expertProblems?: readonly ExpertProblem[];
  /** Over the shared defaults (DEFAULT_REVIEW_SETTINGS). */
  settings?: Partial<ReviewSettings>;
  onEvent?: ReviewListener;
  store?: ReviewStore;
  signal?: AbortSignal;
  logger?: Logger;
  /** Read the folder's rules files (CLAUDE.md, REVIEW.md …); default true: the caller chose the folder. */
  readRules?: boolean;
  /** Read the rules files from here instead of the folder: a diff's base revision (see resolveScope). */
  rulesAt?: RulesSource;
  /** Asked when the estimate passes a spending cap (settings.budget); without it such a review does not start. */
  confirmCost?: ReviewPipelineInput['confirmCost'];
  /** The user's global git excludes; by default read from the user's git config files (git is not run). */
  globalExcludes?: GlobalExcludes;
}

export async function reviewOnNode(input: NodeReviewInput): Promise<ReviewPipelineResult> {
  const experts = [...(input.experts ?? BUILTIN_EXPERTS)];
  const problems = [...(input.expertProblems ?? [])];
  const globalExcludes =
    'globalExcludes' in input ? input.globalExcludes : await readGlobalGitExcludes().catch(() => undefined);
  return runReviewPipeline({
    target: input.target,
    title: input.title ?? titleOf(input.target),
    files: {
      fs: nodeWorkspaceFs,
      root: input.root,
      trusted: input.readRules ?? true,
      ...(globalExcludes && { globalExcludes }),
      ...(input.rulesAt && { rulesAt: input.rulesAt }),
    },
    experts: { load: () => Promise.resolve({ experts, problems }) },
    access: () => Promise.resolve(input.client),
    settings: { ...DEFAULT_REVIEW_SETTINGS, ...input.settings },
    onEvent: input.onEvent ?? (() => {}),
    store: input.store ?? { save: () => Promise.resolve() },
    ...(input.signal && { signal: input.signal }),
    ...(input.logger && { logger: input.logger }),
    ...(input.confirmCost && { confirmCost: input.confirmCost }),
  });
}

function titleOf(target: ReviewTarget): string {
  switch (target.kind) {
    case 'paths':
      return target.paths.join(', ');
    case 'selection':
      return `${target.path} (lines ${target.startLine}-${target.endLine})`;
    case 'diff':
      return 'Uncommitted changes';
  }
}
