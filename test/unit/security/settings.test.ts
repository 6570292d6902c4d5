// Settings that decide what a run costs come from the user's own settings, within the manifest's limits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NUMERIC_LIMITS,
  USD_LIMITS,
  SECTION,
  SETTING_DEFAULTS,
  settingsFrom,
  USER_SCOPE_ONLY,
  type InspectedSetting,
  type Settings,
} from '../../../src/extension/settingsSchema';

interface Property {
  minimum?: number;
  maximum?: number;
  scope?: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
};
const declared = manifest.contributes.configuration.properties;
const COST_KEYS = ['contextTokenBudget', 'maxTokens', 'chat.maxHistoryTokens', 'fanOutStrategy'] as const;

const from = (values: Partial<Record<keyof Settings, InspectedSetting>>) =>
  settingsFrom((key) => values[key] ?? { defaultValue: SETTING_DEFAULTS[key] });

describe("security: cost settings are the user's, within limits", () => {
  it('cost settings are application-scoped, restricted in untrusted workspaces, and read from user settings only', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const key of COST_KEYS) {
      assert.ok(USER_SCOPE_ONLY.includes(key), `${key} is read from user settings only`);
      assert.equal(declared[`${SECTION}.${key}`]?.scope, 'application', `${key} is application-scoped`);
      assert.ok(restricted.includes(`${SECTION}.${key}`), `${key} is restricted`);
    }
  });

  it('ignores a workspace or folder value of a cost setting', () => {
    const s = from({
      maxTokens: { defaultValue: 4096, workspaceValue: 64000 },
      contextTokenBudget: { defaultValue: 60000, workspaceFolderValue: 180000, globalValue: 30000 },
      fanOutStrategy: { defaultValue: 'cacheAware', workspaceValue: 'allAtOnce' },
      'chat.maxHistoryTokens': { defaultValue: 50000, workspaceValue: 150000 },
      synthesis: { defaultValue: true, workspaceValue: false },
    });
    assert.equal(s.maxTokens, 4096);
    assert.equal(s.contextTokenBudget, 30000, 'the user value wins over the folder value');
    assert.equal(s.fanOutStrategy, 'cacheAware');
    assert.equal(s['chat.maxHistoryTokens'], 50000);
    assert.equal(s.synthesis, false, 'ordinary settings still follow the workspace');
  });

  it('clamps numbers to the manifest limits and falls back from an unknown strategy', () => {
    const s = from({
      maxTokens: { globalValue: 10_000_000 },
      contextTokenBudget: { globalValue: 5_000_000 },
      'chat.maxHistoryTokens': { globalValue: -5 },
      maxConcurrency: { globalValue: 'many' },
      fanOutStrategy: { globalValue: 'everythingTwice' },
    });
    assert.equal(s.maxTokens, 64000);
    assert.equal(s.contextTokenBudget, 180000);
    assert.equal(s['chat.maxHistoryTokens'], 2000);
    assert.equal(s.maxConcurrency, SETTING_DEFAULTS.maxConcurrency);
    assert.equal(s.fanOutStrategy, 'cacheAware');
  });

  it("the clamping limits are the manifest's, and every cost number has a maximum", () => {
    for (const [key, limit] of Object.entries(NUMERIC_LIMITS)) {
      const p = declared[`${SECTION}.${key}`];
      assert.deepEqual({ minimum: p?.minimum, maximum: p?.maximum }, limit, key);
    }
    for (const key of ['contextTokenBudget', 'maxTokens', 'chat.maxHistoryTokens'])
      assert.ok(typeof declared[`${SECTION}.${key}`]?.maximum === 'number', key);
  });

  it('spending caps and the cache lifetime come from user settings only, clamped and checked', () => {
    const s = from({
      'budget.perRun': { globalValue: 0.25, workspaceValue: 500 },
      'budget.perDay': { globalValue: -3 },
      cacheTtl: { globalValue: '24h', workspaceValue: '1h' },
    });
    assert.equal(s['budget.perRun'], 0.25, 'not rounded, and a repository cannot raise it');
    assert.equal(s['budget.perDay'], 0);
    assert.equal(s.cacheTtl, '5m');
    for (const [key, limit] of Object.entries(USD_LIMITS)) {
      const p = declared[`${SECTION}.${key}`];
      assert.deepEqual({ minimum: p?.minimum, maximum: p?.maximum }, limit, key);
    }
  });

  it("the verify pass (more requests) comes from user settings only; the minimum confidence may be a team's, clamped to 0-100", () => {
    const s = from({
      'review.verify': { globalValue: 'off', workspaceValue: 'all' },
      'review.minConfidence': { globalValue: 70, workspaceValue: 150 },
    });
    assert.equal(s['review.verify'], 'off', 'a repository cannot add verifier requests');
    assert.equal(s['review.minConfidence'], 100);
    assert.equal(from({ 'review.verify': { globalValue: 'sometimes' } })['review.verify'], 'high-severity');
    assert.equal(
      from({ 'review.verify': { workspaceValue: 'off' } })['review.verify'],
      'high-severity',
      'nor turn the default verification off',
    );
    assert.equal(from({ 'review.minConfidence': { workspaceValue: 80 } })['review.minConfidence'], 80);
  });
});
