// --config FILE: the extension's settings as JSON, with or without the `claudeMultiAgent.` prefix
// (so a .vscode/settings.json works as it is). The keys a review uses are read, each checked; an
// unknown key of ours (a typo) is refused rather than ignored, an editor-only one is named on stderr,
// and other extensions' keys in a settings.json (`editor.…`) are left alone.
import { readFile } from 'node:fs/promises';
import { DEFAULT_PRICES, type ModelPrice, type PriceTable } from '../core';
import { readAgentExperts } from '../node';
import {
  AGENT_ID_PREFIX,
  BUILTIN_EXPERTS,
  DEFAULT_REVIEW_SETTINGS,
  MAX_CONTEXT_GROUPS,
  MAX_PASSES,
  mergeExperts,
  parseSettingsExperts,
  selectExperts,
  type ExpertDefinition,
  type ExpertProblem,
  type ReviewSettings,
  type RulesSource,
} from '../review';
import { PROVIDER_NAMES, type ProviderName } from '../core';
import { UsageError } from './exitCodes';

export interface LoadedConfig {
  settings: ReviewSettings;
  /** `provider` (anthropic, bedrock, vertex); --provider wins. */
  provider?: ProviderName;
  /** `modelIds`: the wire id to send per model name (a Bedrock inference profile, a Vertex `model@version`). */
  modelIds?: Record<string, string>;
  /** Whether the file gave prices (with them, --max-cost may cap a model the built-in table does not know). */
  pricesGiven: boolean;
  /** Keys of the file the command line does not use (editor settings), for a line on stderr. */
  ignored: string[];
  /** Every expert that could run: built-in, settings, agent files. */
  catalog: ExpertDefinition[];
  /** Where the agent files were read when not from the folder: "the merge-base abc1234". */
  agentsReadAt?: string;
  problems: ExpertProblem[];
}

const PREFIX = 'claudeMultiAgent.';
/** The keys the command line reads. */
export const CLI_KEYS = [
  'model',
  'maxTokens',
  'contextTokenBudget',
  'maxContextGroups',
  'maxConcurrency',
  'exclude',
  'experts',
  'synthesis',
  'prices',
  'review.minConfidence',
  'review.verify',
  'review.passes',
  'provider',
  'modelIds',
] as const;
/** The editor's settings the command line has no use for (its own flags, or editor-only behaviour). */
export const EDITOR_ONLY_KEYS = [
  'baseUrl',
  'bedrock.profile',
  'bedrock.region',
  'budget.perDay',
  'budget.perRun',
  'cacheTtl',
  'chat.maxHistoryTokens',
  'customHeaders',
  'fanOutStrategy',
  'review.changedLinesOnly',
  'review.extraRulesFiles',
  'review.rulesFiles',
  'review.rulesTokenBudget',
  'vertex.projectId',
  'vertex.region',
] as const;
/** Context groups a review may split an over-budget change into (maxContextGroups in --config). */
export const CLI_MAX_CONTEXT_GROUPS = MAX_CONTEXT_GROUPS;

function get(raw: Record<string, unknown>, key: string): unknown {
  return raw[key] ?? raw[`${PREFIX}${key}`];
}

function int(raw: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const v = get(raw, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new UsageError(`${key} must be an integer from ${min} to ${max}.`);
  return v;
}

/**
 * `agentsAt`: where to read `.claude/agents` instead of the folder. A git scope passes its base, so a
 * pull request can neither rewrite an agent expert the workflow asks for nor add one.
 */
export async function loadConfig(
  root: string,
  file: string | undefined,
  agentsAt?: RulesSource,
): Promise<LoadedConfig> {
  let raw: Record<string, unknown> = {};
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new UsageError(`--config ${file}: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new UsageError(`--config ${file} must hold a JSON object.`);
    raw = parsed as Record<string, unknown>;
  }
  const ignored = checkKeys(raw, file ?? '');
  const model = get(raw, 'model');
  const exclude = get(raw, 'exclude');
  const synthesis = get(raw, 'synthesis');
  if (model !== undefined && typeof model !== 'string') throw new UsageError('model must be a string.');
  if (exclude !== undefined && !(Array.isArray(exclude) && exclude.every((e) => typeof e === 'string')))
    throw new UsageError('exclude must be a list of globs.');
  if (synthesis !== undefined && typeof synthesis !== 'boolean')
    throw new UsageError('synthesis must be true or false.');
  const maxTokens = int(raw, 'maxTokens', 256, 64_000);
  const budget = int(raw, 'contextTokenBudget', 1000, 180_000);
  const concurrency = int(raw, 'maxConcurrency', 1, 10);
  const groups = int(raw, 'maxContextGroups', 1, 100);
  const minConfidence = int(raw, 'review.minConfidence', 0, 100);
  const passes = int(raw, 'review.passes', 1, MAX_PASSES);
  const verify = get(raw, 'review.verify');
  if (verify !== undefined && verify !== 'off' && verify !== 'high-severity' && verify !== 'all')
    throw new UsageError('review.verify must be off, high-severity or all.');
  const settings: ReviewSettings = {
    ...DEFAULT_REVIEW_SETTINGS,
    ...(typeof model === 'string' && model && { model }),
    ...(maxTokens && { maxTokens }),
    ...(budget && { contextTokenBudget: budget }),
    ...(concurrency && { maxConcurrency: concurrency }),
    // A gate reviews every changed file it may send: a change over the budget is split into groups.
    maxContextGroups: groups ?? CLI_MAX_CONTEXT_GROUPS,
    ...(Array.isArray(exclude) && { exclude: exclude as string[] }),
    ...(typeof synthesis === 'boolean' && { synthesis }),
    ...(minConfidence !== undefined && { minConfidence }),
    ...(verify !== undefined && { verify }),
    ...(passes !== undefined && { passes }),
  };
  const provider = get(raw, 'provider');
  if (provider !== undefined && !(PROVIDER_NAMES as readonly unknown[]).includes(provider))
    throw new UsageError(`provider must be one of ${PROVIDER_NAMES.join(', ')}.`);
  const modelIds = get(raw, 'modelIds');
  if (
    modelIds !== undefined &&
    !(
      typeof modelIds === 'object' &&
      modelIds !== null &&
      !Array.isArray(modelIds) &&
      Object.values(modelIds).every((v) => typeof v === 'string' && v.trim())
    )
  )
    throw new UsageError('modelIds must map model names to the ids to send.');
  const prices = pricesOf(get(raw, 'prices'));
  // Given prices override the built-in table per model, as the editor's setting does.
  if (prices) settings.prices = { ...DEFAULT_PRICES, ...prices };
  const fromSettings = parseSettingsExperts(get(raw, 'experts') ?? []);
  const fromFiles = await readAgentExperts(root, agentsAt?.fs);
  const merged = mergeExperts(BUILTIN_EXPERTS, fromSettings.experts, fromFiles.experts);
  return {
    settings,
    ...(provider !== undefined && { provider: provider as ProviderName }),
    ...(modelIds !== undefined && { modelIds: modelIds as Record<string, string> }),
    pricesGiven: prices !== undefined,
    ignored,
    catalog: merged.experts,
    ...(agentsAt && { agentsReadAt: agentsAt.revision }),
    problems: [...fromSettings.problems, ...fromFiles.problems, ...merged.problems],
  };
}

/** The experts asked for by id (every id must exist), else the default choice. */
export function chooseExperts(
  catalog: readonly ExpertDefinition[],
  ids: readonly string[] | undefined,
  agentsReadAt?: string,
): ExpertDefinition[] {
  if (!ids?.length) return selectExperts(catalog);
  const unknown = ids.filter((id) => !catalog.some((e) => e.id === id));
  if (unknown.length) {
    const where =
      agentsReadAt && unknown.some((id) => id.startsWith(AGENT_ID_PREFIX))
        ? ` Agent files are read from ${agentsReadAt}, not from the change under review: an agent the change adds can review the change only once it is merged.`
        : '';
    throw new UsageError(
      `Unknown expert ${unknown.join(', ')}; known: ${catalog.map((e) => e.id).join(', ')}.${where}`,
    );
  }
  return selectExperts(catalog, ids);
}

/** Refuses a key of ours the command line does not know (a typo must not pass as a default); returns the editor-only ones. */
function checkKeys(raw: Record<string, unknown>, file: string): string[] {
  const known = new Set<string>(CLI_KEYS);
  const editorOnly = new Set<string>(EDITOR_ONLY_KEYS);
  const ignored: string[] = [];
  const unknown: string[] = [];
  for (const key of Object.keys(raw)) {
    const bare = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key;
    if (known.has(bare)) continue;
    if (editorOnly.has(bare)) ignored.push(key);
    // Ours: prefixed, bare (no namespace) or under review.; anything else belongs to another extension.
    else if (key !== bare || !bare.includes('.') || bare.startsWith('review.')) unknown.push(key);
  }
  if (unknown.length)
    throw new UsageError(
      `--config ${file}: unknown setting${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the command line reads ${CLI_KEYS.join(', ')} (with or without the ${PREFIX} prefix).`,
    );
  return ignored;
}

/** `prices`: model id → USD per million tokens ({input, output, cacheWrite?, cacheRead?}). */
function pricesOf(value: unknown): PriceTable | undefined {
  if (value === undefined) return undefined;
  const bad = () =>
    new UsageError(
      'prices must map model ids to {"input": USD, "output": USD} per million tokens (cacheWrite, cacheRead optional).',
    );
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  const table: PriceTable = {};
  for (const [model, price] of Object.entries(value as Record<string, unknown>)) {
    if (typeof price !== 'object' || price === null) throw bad();
    const p = price as Record<string, unknown>;
    const usd = (k: string) => p[k] === undefined || (typeof p[k] === 'number' && Number.isFinite(p[k]) && p[k] >= 0);
    if (
      typeof p['input'] !== 'number' ||
      typeof p['output'] !== 'number' ||
      !['input', 'output', 'cacheWrite', 'cacheRead'].every(usd)
    )
      throw bad();
    const extra = Object.keys(p).filter((k) => !['input', 'output', 'cacheWrite', 'cacheRead'].includes(k));
    if (extra.length) throw bad();
    table[model] = p as unknown as ModelPrice;
  }
  return table;
}
