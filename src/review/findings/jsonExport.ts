// A review as plain JSON for scripts: the findings sorted most severe first, each expert's outcome,
// what was left out and the cost. Stable keys; secret-shaped values redacted as in the other exports.
import { redactSecrets } from '../../policy';
import { sortFindings } from './sortFindings';
import type { Finding } from './types';

export interface JsonExport {
  title: string;
  status: string;
  message?: string;
  targets: readonly string[];
  summary?: string;
  findings: readonly Finding[];
  /** Findings kept back, counted by reason. */
  hidden?: unknown;
  experts: ReadonlyArray<{
    id: string;
    name: string;
    status: string;
    error?: string;
    findings: number;
    omitted?: number;
  }>;
  leftOut?: unknown;
  /** The project's rules files the experts read, and the findings they suppressed. */
  rules?: unknown;
  suppressedByRules?: unknown;
  usage?: unknown;
  costUsd?: number;
}

export function findingsToJson(review: JsonExport): string {
  const out = { schemaVersion: 1, ...review, findings: sortFindings(review.findings) };
  return redactSecrets(`${JSON.stringify(out, null, 2)}\n`);
}
