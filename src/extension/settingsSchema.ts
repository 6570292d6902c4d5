// Every setting the extension reads, with its default, in one typed place. A unit test checks this
// table against package.json's `contributes.configuration`, so code and manifest cannot drift.
import type { FanOutStrategy, PriceTable } from '../core';

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
}

export const SECTION = 'claudeMultiAgent';

export const SETTING_DEFAULTS: Settings = {
  model: 'claude-sonnet-5-5',
  baseUrl: '',
  maxConcurrency: 5,
  maxTokens: 4096,
  contextTokenBudget: 60000,
  exclude: [],
  experts: [],
  synthesis: true,
  fanOutStrategy: 'cacheAware',
  prices: {},
  'chat.maxHistoryTokens': 50000,
};

/**
 * Settings that decide where requests go or what they cost, or that inject instructions: read from
 * the user's own settings only, so a repository's .vscode/settings.json cannot redirect the key.
 */
export const USER_SCOPE_ONLY: ReadonlyArray<keyof Settings> = ['model', 'baseUrl', 'experts', 'prices'];
