// --config FILE: the extension's settings as JSON, with or without the `claudeMultiAgent.` prefix
// (so a .vscode/settings.json works as it is). Only the keys a review uses are read, each checked.
import { readFile } from 'node:fs/promises';
import { readAgentExperts } from '../node';
import {
  BUILTIN_EXPERTS,
  DEFAULT_REVIEW_SETTINGS,
  mergeExperts,
  parseSettingsExperts,
  selectExperts,
  type ExpertDefinition,
  type ExpertProblem,
  type ReviewSettings,
} from '../review';
import { PROVIDER_NAMES, type ProviderName } from '../core';
import { UsageError } from './exitCodes';

export interface LoadedConfig {
  settings: ReviewSettings;
  /** `provider` (anthropic, bedrock, vertex); --provider wins. */
  provider?: ProviderName;
  /** `modelIds`: the wire id to send per model name (a Bedrock inference profile, a Vertex `model@version`). */
  modelIds?: Record<string, string>;
  /** Every expert that could run: built-in, settings, agent files. */
  catalog: ExpertDefinition[];
  problems: ExpertProblem[];
}

const PREFIX = 'claudeMultiAgent.';

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

export async function loadConfig(root: string, file: string | undefined): Promise<LoadedConfig> {
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
  const minConfidence = int(raw, 'review.minConfidence', 0, 100);
  const verify = get(raw, 'review.verify');
  if (verify !== undefined && verify !== 'off' && verify !== 'high-severity' && verify !== 'all')
    throw new UsageError('review.verify must be off, high-severity or all.');
  const settings: ReviewSettings = {
    ...DEFAULT_REVIEW_SETTINGS,
    ...(typeof model === 'string' && model && { model }),
    ...(maxTokens && { maxTokens }),
    ...(budget && { contextTokenBudget: budget }),
    ...(concurrency && { maxConcurrency: concurrency }),
    ...(Array.isArray(exclude) && { exclude: exclude as string[] }),
    ...(typeof synthesis === 'boolean' && { synthesis }),
    ...(minConfidence !== undefined && { minConfidence }),
    ...(verify !== undefined && { verify }),
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
  const fromSettings = parseSettingsExperts(get(raw, 'experts') ?? []);
  const fromFiles = await readAgentExperts(root);
  const merged = mergeExperts(BUILTIN_EXPERTS, fromSettings.experts, fromFiles.experts);
  return {
    settings,
    ...(provider !== undefined && { provider: provider as ProviderName }),
    ...(modelIds !== undefined && { modelIds: modelIds as Record<string, string> }),
    catalog: merged.experts,
    problems: [...fromSettings.problems, ...fromFiles.problems, ...merged.problems],
  };
}

/** The experts asked for by id (every id must exist), else the default choice. */
export function chooseExperts(
  catalog: readonly ExpertDefinition[],
  ids: readonly string[] | undefined,
): ExpertDefinition[] {
  if (!ids?.length) return selectExperts(catalog);
  const unknown = ids.filter((id) => !catalog.some((e) => e.id === id));
  if (unknown.length)
    throw new UsageError(`Unknown expert ${unknown.join(', ')}; known: ${catalog.map((e) => e.id).join(', ')}.`);
  return selectExperts(catalog, ids);
}
