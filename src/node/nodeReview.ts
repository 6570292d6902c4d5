// The review pipeline on plain Node: files through node:fs, the built-in experts unless others are
// given, a client given by the caller. This is all a command-line shell or a batch sweep adds to
// run a review; it also shows the pipeline needs no editor.
import type Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL, type ClientConfig, type Logger } from '../core';
import {
  BUILTIN_EXPERTS,
  runReviewPipeline,
  type ExpertDefinition,
  type ReviewListener,
  type ReviewPipelineResult,
  type ReviewSettings,
  type ReviewStore,
  type ReviewTarget,
} from '../review';
import { nodeWorkspaceFs } from './nodeWorkspaceFs';

/** The editor's defaults, so a review from the command line costs and reads the same. */
export const NODE_REVIEW_SETTINGS: ReviewSettings = {
  model: DEFAULT_MODEL,
  maxTokens: DEFAULT_MAX_TOKENS,
  maxConcurrency: 5,
  contextTokenBudget: 60_000,
  exclude: [],
  synthesis: true,
  fanOutStrategy: 'cacheAware',
  minConfidence: 70,
  verify: 'off',
};

export interface NodeReviewInput {
  /** Absolute path of the folder the target's paths are relative to. */
  root: string;
  target: ReviewTarget;
  /** What was picked, in words (default: the target's paths). */
  title?: string;
  /** How to reach the API; undefined stops the review before anything is read. */
  client: Anthropic | ClientConfig | undefined;
  experts?: readonly ExpertDefinition[];
  settings?: Partial<ReviewSettings>;
  onEvent?: ReviewListener;
  store?: ReviewStore;
  signal?: AbortSignal;
  logger?: Logger;
  /** Read the folder's rules files (CLAUDE.md, REVIEW.md …); default true: the caller chose the folder. */
  readRules?: boolean;
}

export function reviewOnNode(input: NodeReviewInput): Promise<ReviewPipelineResult> {
  const experts = [...(input.experts ?? BUILTIN_EXPERTS)];
  return runReviewPipeline({
    target: input.target,
    title: input.title ?? titleOf(input.target),
    files: { fs: nodeWorkspaceFs, root: input.root, trusted: input.readRules ?? true },
    experts: { load: () => Promise.resolve({ experts, problems: [] }) },
    access: () => Promise.resolve(input.client),
    settings: { ...NODE_REVIEW_SETTINGS, ...input.settings },
    onEvent: input.onEvent ?? (() => {}),
    store: input.store ?? { save: () => Promise.resolve() },
    ...(input.signal && { signal: input.signal }),
    ...(input.logger && { logger: input.logger }),
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
