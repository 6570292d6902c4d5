// Every setting the extension reads, with its default, in one typed place. A unit test checks this
// table against package.json's `contributes.configuration`, so code and manifest cannot drift.
import type { CacheTtl, FanOutStrategy, PriceTable } from '../core';
import type { ProviderName } from '../core';
import type { VerifyMode } from '../review';
// The file, not the review's index: settings are read at activation, which must not load the review.
import { DEFAULT_REVIEW_SETTINGS as REVIEW } from '../review/pipeline/defaultSettings';

export interface Settings {
  model: string;
  baseUrl: string;
  maxConcurrency: number;
  maxTokens: number;
  contextTokenBudget: number;
  exclude: string[];
  experts: unknown[];
  synthesis: boolean;
  fanOutStrategy: FanOutStrategy;
  prices: PriceTable;
  'chat.maxHistoryTokens': number;
  /** Which kinds of project rules files a review reads (see src/review/rules). */
  'review.rulesFiles': string[];
  /** More workspace-relative files a review reads as project rules. */
  'review.extraRulesFiles': string[];
  'review.rulesTokenBudget': number;
  /** Diff scopes: keep only findings that touch a changed line (the others are counted, shown on demand). */
  'review.changedLinesOnly': boolean;
  cacheTtl: CacheTtl;
  /** USD; 0 = off. */
  'budget.perRun': number;
  /** USD; 0 = off. */
  'budget.perDay': number;
  /** Findings scored below this (0-100) are hidden, counted and shown on demand. */
  'review.minConfidence': number;
  /** A verifier request per finding after synthesis: none, high and critical ones, or all. */
  'review.verify': VerifyMode;
  /** Where a review panel opens: beside the code (a third of the width), below it, or as a tab of the active group. */
  'review.panelLocation': PanelLocation;
  /** Where requests go; CLAUDE_CODE_USE_BEDROCK / CLAUDE_CODE_USE_VERTEX choose when this is `anthropic` (the default). */
  provider: ProviderName;
  'bedrock.region': string;
  'bedrock.profile': string;
  'vertex.region': string;
  'vertex.projectId': string;
  /** The id to send per model name (a Bedrock inference profile, a Vertex `model@version`, a gateway's alias). */
  modelIds: Record<string, string>;
  /** Headers for an LLM gateway, added to ANTHROPIC_CUSTOM_HEADERS; values are treated as secrets. */
  customHeaders: Record<string, string>;
}

export const SECTION = 'claudeMultiAgent';

export type PanelLocation = 'beside' | 'below' | 'active';

/** The review's own defaults come from the domain (src/review), which the command line reads too. */
export const SETTING_DEFAULTS: Settings = {
  model: REVIEW.model,
  baseUrl: '',
  maxConcurrency: REVIEW.maxConcurrency,
  maxTokens: REVIEW.maxTokens,
  contextTokenBudget: REVIEW.contextTokenBudget,
  exclude: [...REVIEW.exclude],
  experts: [],
  synthesis: REVIEW.synthesis,
  fanOutStrategy: REVIEW.fanOutStrategy,
  prices: {},
  'chat.maxHistoryTokens': 50000,
  'review.rulesFiles': [...REVIEW.rules.kinds],
  'review.extraRulesFiles': [...REVIEW.rules.extraPaths],
  'review.rulesTokenBudget': REVIEW.rules.budgetTokens,
  'review.changedLinesOnly': REVIEW.changedLinesOnly,
  cacheTtl: REVIEW.cacheTtl,
  'budget.perRun': REVIEW.budget.perRunUsd,
  'budget.perDay': REVIEW.budget.perDayUsd,
  'review.minConfidence': REVIEW.minConfidence,
  'review.verify': REVIEW.verify,
  'review.panelLocation': 'beside',
  provider: 'anthropic',
  'bedrock.region': '',
  'bedrock.profile': '',
  'vertex.region': '',
  'vertex.projectId': '',
  modelIds: {},
  customHeaders: {},
};

/**
 * Settings that decide where requests go or what they cost, or that inject instructions: read from
 * the user's own settings only, so a repository's .vscode/settings.json cannot redirect the key.
 */
export const USER_SCOPE_ONLY: ReadonlyArray<keyof Settings> = [
  'model',
  'baseUrl',
  'experts',
  'prices',
  // Cost: a repository must not raise what each run spends.
  'maxTokens',
  'contextTokenBudget',
  'chat.maxHistoryTokens',
  'fanOutStrategy',
  'review.rulesTokenBudget',
  // A repository must not lengthen the cache lifetime (1-hour writes cost more) nor lift a cap.
  'cacheTtl',
  'budget.perRun',
  'budget.perDay',
  // Each verifier is one more request.
  'review.verify',
  // Where requests go, as whom, with which headers: a repository must not redirect them or add headers.
  'provider',
  'bedrock.region',
  'bedrock.profile',
  'vertex.region',
  'vertex.projectId',
  'modelIds',
  'customHeaders',
];

/** The manifest's `minimum`/`maximum` for numeric settings (a unit test keeps the two equal). */
export const NUMERIC_LIMITS: Partial<Record<keyof Settings, { minimum: number; maximum: number }>> = {
  maxConcurrency: { minimum: 1, maximum: 10 },
  maxTokens: { minimum: 256, maximum: 64000 },
  contextTokenBudget: { minimum: 1000, maximum: 180000 },
  'chat.maxHistoryTokens': { minimum: 2000, maximum: 150000 },
  'review.rulesTokenBudget': { minimum: 0, maximum: 50000 },
  'review.minConfidence': { minimum: 0, maximum: 100 },
};

/** Amounts in USD: clamped to the manifest's limits like NUMERIC_LIMITS, but not rounded to whole numbers. */
export const USD_LIMITS: Partial<Record<keyof Settings, { minimum: number; maximum: number }>> = {
  'budget.perRun': { minimum: 0, maximum: 1000 },
  'budget.perDay': { minimum: 0, maximum: 10000 },
};

const FAN_OUT: readonly FanOutStrategy[] = ['cacheAware', 'allAtOnce'];
const CACHE_TTLS: readonly CacheTtl[] = ['5m', '1h'];
const VERIFY_MODES: readonly VerifyMode[] = ['off', 'high-severity', 'all'];
const PROVIDERS: readonly ProviderName[] = ['anthropic', 'bedrock', 'vertex'];
const PANEL_LOCATIONS: readonly PanelLocation[] = ['beside', 'below', 'active'];

/** What VS Code's `inspect` reports for one key: only the parts we read. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The typed settings from what each key's `inspect` reports. User-scope-only keys ignore workspace and
 * folder values; numbers are clamped to the manifest's limits and a strategy outside the enum falls back
 * to the default, whatever settings.json holds (the editor does not enforce the schema).
 */
export function settingsFrom(inspect: (key: keyof Settings) => InspectedSetting | undefined): Settings {
  const settings = { ...SETTING_DEFAULTS };
  const out = settings as unknown as Record<string, unknown>;
  for (const key of Object.keys(SETTING_DEFAULTS) as Array<keyof Settings>) {
    const i = inspect(key);
    const value = USER_SCOPE_ONLY.includes(key)
      ? i?.globalValue
      : (i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue);
    out[key] = value ?? i?.defaultValue ?? SETTING_DEFAULTS[key];
  }
  for (const [key, limit] of Object.entries(NUMERIC_LIMITS) as Array<
    [keyof Settings, { minimum: number; maximum: number }]
  >) {
    const n = Number(out[key]);
    out[key] = Number.isFinite(n)
      ? Math.min(limit.maximum, Math.max(limit.minimum, Math.round(n)))
      : SETTING_DEFAULTS[key];
  }
  for (const [key, limit] of Object.entries(USD_LIMITS) as Array<
    [keyof Settings, { minimum: number; maximum: number }]
  >) {
    const n = Number(out[key]);
    out[key] = Number.isFinite(n) ? Math.min(limit.maximum, Math.max(limit.minimum, n)) : SETTING_DEFAULTS[key];
  }
  if (!FAN_OUT.includes(settings.fanOutStrategy)) settings.fanOutStrategy = SETTING_DEFAULTS.fanOutStrategy;
  if (!CACHE_TTLS.includes(settings.cacheTtl)) settings.cacheTtl = SETTING_DEFAULTS.cacheTtl;
  if (!VERIFY_MODES.includes(settings['review.verify'])) settings['review.verify'] = SETTING_DEFAULTS['review.verify'];
  if (!PROVIDERS.includes(settings.provider)) settings.provider = SETTING_DEFAULTS.provider;
  if (!PANEL_LOCATIONS.includes(settings['review.panelLocation']))
    settings['review.panelLocation'] = SETTING_DEFAULTS['review.panelLocation'];
  return settings;
}
