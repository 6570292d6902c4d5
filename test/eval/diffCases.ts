// The evaluation's diff cases (test/eval/diffs): a commit as a unified diff, its message, and what a
// review of it must do on given lines. Read and checked here; the listing the experts are shown and the
// changed lines come from the diff itself, as the review computes them (src/review/context).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedRanges } from '../../src/review/context/changedLines';
import { parseUnifiedDiff } from '../../src/review/context/diffParser';
import { diffLines } from '../../src/review/context/renderListing';
import type { ShownLines } from '../../src/review/findings/types';
import type { ChangedLines } from '../../src/review/findings/visibility';
import type { ManifestBug } from './corpus';

export const DIFFS_ROOT = join(__dirname, 'diffs');

/**
 * found: a bug the commit introduced, to be shown. pre-existing: a bug in unchanged code, to be tagged
 * pre-existing and not shown. intended: a change the message says is meant, not to be reported.
 * invented: no bug; a finding there would have to quote code that is not there, so it must be hidden.
 */
export const EXPECTATIONS = ['found', 'pre-existing', 'intended', 'invented'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

export interface DiffExpectation extends ManifestBug {
  expect: Expectation;
}

export interface DiffCase {
  id: string;
  diffText: string;
  /** The commit message: the author's intent, sent to every expert. */
  message: string;
  expect: DiffExpectation[];
  /** What the experts are shown: each file's context and added lines by their new number. */
  listing: ShownLines;
  changedLines: ChangedLines;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readExpectation(id: string, raw: unknown): DiffExpectation {
  if (!isRecord(raw)) throw new Error(`diffs manifest: ${id} has an expectation that is not an object`);
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string' || !value) throw new Error(`diffs manifest: an expectation of ${id} has no ${key}`);
    return value;
  };
  const lines = raw['lines'];
  if (!Array.isArray(lines) || lines.length !== 2 || !lines.every((n) => Number.isInteger(n) && n > 0))
    throw new Error(`diffs manifest: an expectation of ${id} has no valid lines`);
  const expect = text('expect') as Expectation;
  if (!EXPECTATIONS.includes(expect))
    throw new Error(`diffs manifest: ${id}: expect is one of ${EXPECTATIONS.join(', ')}, not "${expect}"`);
  return {
    expect,
    file: text('file'),
    lines: [lines[0] as number, lines[1] as number],
    kind: text('kind'),
    severity: text('severity'),
    what: text('what'),
    code: text('code'),
  };
}

export function diffCaseOf(id: string, diffText: string, message: string, expect: DiffExpectation[]): DiffCase {
  const files = parseUnifiedDiff(diffText);
  const path = (f: (typeof files)[number]) => f.newPath ?? f.oldPath ?? '';
  return {
    id,
    diffText,
    message,
    expect,
    listing: new Map(files.map((f) => [path(f), diffLines(f)])),
    changedLines: new Map(files.map((f) => [path(f), changedRanges(f)])),
  };
}

export function loadDiffCases(root = DIFFS_ROOT): DiffCase[] {
  const json: unknown = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  if (!isRecord(json) || !Array.isArray(json['cases'])) throw new Error('diffs manifest: expected { cases: [...] }');
  return json['cases'].map((raw) => {
    if (!isRecord(raw) || typeof raw['id'] !== 'string' || typeof raw['diff'] !== 'string')
      throw new Error('diffs manifest: every case needs an id and a diff file');
    const id = raw['id'];
    if (typeof raw['message'] !== 'string' || !raw['message'].trim())
      throw new Error(`diffs manifest: ${id} needs its commit message`);
    if (!Array.isArray(raw['expect']) || raw['expect'].length === 0)
      throw new Error(`diffs manifest: ${id} expects nothing`);
    const expect = raw['expect'].map((e) => readExpectation(id, e));
    return diffCaseOf(id, readFileSync(join(root, raw['diff']), 'utf8'), raw['message'], expect);
  });
}

/** Review targets of diff cases are named "diff:<id>" beside the corpus folders. */
export const DIFF_TARGET_PREFIX = 'diff:';
export const diffTargetOf = (c: Pick<DiffCase, 'id'>): string => `${DIFF_TARGET_PREFIX}${c.id}`;
