// What a sweep keeps between processes once its batch is created: enough to resume polling and to
// place the findings without reading or sending anything again, keyed by what the sweep is (its scope,
// experts, model and request settings) so that another sweep never picks it up, and with a hash of each
// file as submitted so that a resume can say which files changed since.
import type { KnownFile } from '../findings';
import type { ExpertDefinition } from '../experts';
import type { LeftOutSummary } from '../context';
import type { RulesSummary } from '../rules';

export interface SweepGroup {
  /** The paths gathered together under one cached block. */
  paths: string[];
  /** The ranges the experts were shown, to place findings. */
  files: KnownFile[];
  contextTokens: number;
}

/** What a sweep is, in words: its key is this, serialised (see sweepKey). */
export interface SweepScope {
  paths: string[];
  /** Expert ids, each with its model and a hash of its instructions. */
  experts: string[];
  model: string;
  /** The settings that shape the requests: the token budget per group, max output tokens, excludes. */
  settings: string;
}

export interface SweepState {
  version: 2;
  /** sweepKey(scope): a saved batch is resumed only by the same sweep. */
  key: string;
  scope: SweepScope;
  /** path → hash of the text the experts were shown, as submitted. */
  contents: Record<string, string>;
  batchId: string;
  createdAt: string;
  title: string;
  groups: SweepGroup[];
  experts: ExpertDefinition[];
  /** custom_id → which group and expert it reviewed. */
  requests: Record<string, { group: number; expert: number }>;
  leftOut: LeftOutSummary;
  /** The project's rules files every request read, or why none were (an untrusted folder). */
  rules?: RulesSummary;
}

/** Where saved batches live (files in a cache folder for the CLI and the editor), one per key. */
export interface SweepStateStore {
  load(key: string): Promise<SweepState | undefined>;
  save(state: SweepState): Promise<void>;
  clear(key: string): Promise<void>;
}
