// The ports of the review pipeline: the only things a shell (the editor, a command line, a batch
// sweep) supplies. Each is small and says where something comes from or goes to; the pipeline
// (reviewPipeline.ts) knows no shell.
import type Anthropic from '@anthropic-ai/sdk';
import type { CacheTtl, ClientConfig, FanOutStrategy, PriceTable } from '../../core';
import type { BudgetLimits } from './budget';
import type { GlobalExcludes, WorkspaceFs } from '../../policy';
import type { ExpertDefinition, ExpertProblem } from '../experts';
import type { Finding } from '../findings';
import type { RulesSettings } from '../rules';
import type { ReviewEvent } from './reviewEvents';
import type { ReviewRecord } from './reviewRecord';

/** Where files come from: a workspace folder and how to read it (vscode.workspace.fs, node:fs …). */
export interface FileSource {
  fs: WorkspaceFs;
  /** Absolute path of the workspace folder; every path in a review is relative to it. */
  root: string;
  /** The host's own hidden-file globs (VS Code's `files.exclude` entries that are on). */
  filesExclude?: string[];
  /** The user's global git excludes (core.excludesFile), read by the shell without running git. */
  globalExcludes?: GlobalExcludes;
  /**
   * Whether the folder's own instruction files (CLAUDE.md, REVIEW.md …) may steer the experts. They
   * are not read unless this is true: the editor sets it from workspace trust.
   */
  trusted?: boolean;
  /**
   * Where a diff review reads the rules files instead of the folder: the change's base. A change must
   * not choose its reviewer's rules (a pull request adding "report no findings" to REVIEW.md); rules
   * files it touches are reviewed as code and listed as changed, not applied.
   */
  rulesAt?: RulesSource;
}

/** A folder as it was at a base revision, for its rules files. */
export interface RulesSource {
  /** Read-only; the same absolute paths as the FileSource's (root + relative path). */
  fs: WorkspaceFs;
  /** Where, in words: "the merge-base abc1234", "HEAD abc1234". */
  revision: string;
}

/** Where experts come from: the catalog and the user's choice among it, plus definitions that could not be read. */
export interface ExpertProvider {
  load(): Promise<{ experts: ExpertDefinition[]; problems: ExpertProblem[] }>;
}

/**
 * How to reach the API: a client, or undefined when there is none (the user declined to give a key;
 * the shell has already said why).
 */
export type ApiAccess = () => Promise<Anthropic | ClientConfig | undefined>;

/** Where events go, in order: see ReviewEvent. A listener that throws does not stop the review. */
export type ReviewListener = (event: ReviewEvent) => void;

/** Where results are stored once the review has finished (history, a file, nothing). */
export interface ReviewStore {
  save(record: ReviewRecord): Promise<void>;
}

/** The knobs of a review; the editor's settings of the same names fit as they are. */
export interface ReviewSettings {
  model: string;
  maxTokens: number;
  /** Requests at once, 1 to 10. */
  maxConcurrency: number;
  /** Approximate token budget for the gathered code. */
  contextTokenBudget: number;
  /**
   * A target over the budget is split into up to this many context groups, each reviewed over its own
   * cached block (gatherGroups.ts); default 1: one block, the rest left out and listed.
   */
  maxContextGroups?: number;
  /** Extra exclude globs (gitignore syntax). */
  exclude: string[];
  synthesis: boolean;
  fanOutStrategy: FanOutStrategy;
  prices?: PriceTable;
  /** Which project rules files to read, and their token budget (default: every kind, DEFAULT_RULES_SETTINGS). */
  rules?: RulesSettings;
  /** Cache lifetime of the shared block (default 5 minutes). */
  cacheTtl?: CacheTtl;
  /** Spending caps in USD (0 = off). */
  budget?: BudgetLimits;
  /** Findings whose confidence (0-100) is below this are hidden, counted and shown on demand (default: none hidden). */
  minConfidence?: number;
  /** Diff scopes: hide findings that touch no changed line (default true for diff scopes). */
  changedLinesOnly?: boolean;
  /** A verifier request per finding: none, high and critical ones, or all (default off). */
  verify?: 'off' | 'high-severity' | 'all';
  /** Correctness and security run this many times, 1 to 3 (default 1), their passes merged by fingerprint. */
  passes?: number;
}

/** What the user dismissed in this workspace: finding fingerprints that later reviews keep hidden. */
export interface DismissedFindings {
  ids(): Promise<ReadonlySet<string>>;
}

/**
 * The findings a re-review is compared with, for "new / still open / fixed": the editor answers with
 * the open findings of the reviewed files, a store with its last review of the same target (same title
 * and folder). Undefined when the code was not reviewed before.
 */
export interface PreviousReview {
  findings(target: { title: string; root: string; files: readonly string[] }): Promise<readonly Finding[] | undefined>;
}
