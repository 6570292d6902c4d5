// What a sweep keeps between processes once its batch is created: enough to resume polling and to
// place the findings without reading or sending anything again.
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

export interface SweepState {
  version: 1;
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

/** Where the state lives (a file for the CLI). */
export interface SweepStateStore {
  load(): Promise<SweepState | undefined>;
  save(state: SweepState): Promise<void>;
  clear(): Promise<void>;
}
