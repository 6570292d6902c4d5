// A review's defaults, written once: the editor's settings schema (and through it the manifest's
// defaults, which a unit test checks) and the command line both start from these.
// Single files, not the indexes: the editor reads these at activation (see eslint.config.mjs's ACTIVATION).
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../../core/models';
import { DEFAULT_RULES_SETTINGS } from '../rules/types';
import type { ReviewSettings } from './ports';

export type ReviewDefaults = ReviewSettings &
  Required<Pick<ReviewSettings, 'rules' | 'cacheTtl' | 'budget' | 'minConfidence' | 'changedLinesOnly' | 'verify'>>;

export const DEFAULT_REVIEW_SETTINGS: ReviewDefaults = {
  model: DEFAULT_MODEL,
  maxTokens: DEFAULT_MAX_TOKENS,
  maxConcurrency: 5,
  contextTokenBudget: 60_000,
  exclude: [],
  synthesis: true,
  fanOutStrategy: 'cacheAware',
  rules: DEFAULT_RULES_SETTINGS,
  cacheTtl: '5m',
  // 0 = no cap.
  budget: { perRunUsd: 0, perDayUsd: 0 },
  minConfidence: 70,
  changedLinesOnly: true,
  verify: 'high-severity',
};
