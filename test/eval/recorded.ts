// Recorded answers: what each review of a run found, per expert and after synthesis, with its usage
// and cost, one JSON file per review. `npm run eval -- --record DIR` writes them; `--recorded DIR`
// scores them again offline; test/eval/recorded holds hand-written ones for the unit tests.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { CostReport, Usage } from '../../src/core';
import { SEVERITIES, type ReviewPipelineResult, type Severity } from '../../src/review';
import type { ScoredFinding } from './score';
import type { StagedFindings } from './stages';

export interface RecordedReview extends StagedFindings {
  /** The corpus folder reviewed ("shop-api"), or a diff case ("diff:billing-refunds"). */
  target: string;
  /** Where the answers came from: "api", "simulator" or "hand-written". */
  source: string;
  model: string;
  /** Corpus-relative paths of the files the review read. */
  reviewedFiles: string[];
  experts: Array<{ name: string; findings: ScoredFinding[]; error?: string }>;
  usage?: Usage;
  cost?: CostReport;
}

type Finished = Extract<ReviewPipelineResult, { kind: 'finished' }>;

/** A finished review as a recorded answer; the synthesis's findings are taken before any is hidden. */
export function recordOf(target: string, source: string, model: string, result: Finished): RecordedReview {
  const { outcome, record } = result;
  return {
    target,
    source,
    model,
    reviewedFiles: record.reviewedFiles,
    experts: outcome.experts.map((run) => ({
      name: run.expert.name,
      findings: run.result.findings,
      ...(run.result.error && { error: run.result.error }),
    })),
    synthesis: outcome.merged.findings,
    usage: outcome.usage,
    cost: outcome.cost,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

function readFinding(raw: unknown, where: string): ScoredFinding {
  if (!isRecord(raw) || typeof raw['file'] !== 'string' || !isLine(raw['startLine']) || !isLine(raw['endLine'])) {
    throw new Error(`${where}: a finding needs file, startLine and endLine`);
  }
  const f: ScoredFinding = { file: raw['file'], startLine: raw['startLine'], endLine: raw['endLine'] };
  if (typeof raw['title'] === 'string') f.title = raw['title'];
  if (typeof raw['kind'] === 'string') f.kind = raw['kind'];
  if (typeof raw['confidence'] === 'number') f.confidence = raw['confidence'];
  if (typeof raw['severity'] === 'string' && (SEVERITIES as readonly string[]).includes(raw['severity']))
    f.severity = raw['severity'] as Severity;
  if (Array.isArray(raw['experts'])) f.experts = raw['experts'].filter((e): e is string => typeof e === 'string');
  if (typeof raw['evidence'] === 'string') f.evidence = raw['evidence'];
  if (typeof raw['rule'] === 'string') f.rule = raw['rule'];
  if (raw['preExisting'] === true) f.preExisting = true;
  const v = raw['verification'];
  if (isRecord(v) && (v['verdict'] === 'confirmed' || v['verdict'] === 'refuted' || v['verdict'] === 'unverified')) {
    f.verification = { verdict: v['verdict'], reason: typeof v['reason'] === 'string' ? v['reason'] : '' };
  }
  // The check as the review ran it (against the listing it sent); without it, scoring re-runs the check.
  const check = raw['evidenceCheck'];
  if (isRecord(check) && check['verdict'] === 'supported')
    f.evidenceCheck = {
      verdict: 'supported',
      ...(typeof check['inChangedLines'] === 'boolean' && { inChangedLines: check['inChangedLines'] }),
    };
  if (isRecord(check) && check['verdict'] === 'unsupported')
    f.evidenceCheck = { verdict: 'unsupported', reason: typeof check['reason'] === 'string' ? check['reason'] : '' };
  return f;
}

const findingsOf = (raw: unknown, where: string): ScoredFinding[] => {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a list of findings`);
  return raw.map((f) => readFinding(f, where));
};

export function parseRecordedReview(json: unknown, where: string): RecordedReview {
  if (
    !isRecord(json) ||
    typeof json['target'] !== 'string' ||
    !Array.isArray(json['reviewedFiles']) ||
    !Array.isArray(json['experts'])
  ) {
    throw new Error(`${where}: expected { target, reviewedFiles, experts, synthesis }`);
  }
  const review: RecordedReview = {
    target: json['target'],
    source: typeof json['source'] === 'string' ? json['source'] : 'unknown',
    model: typeof json['model'] === 'string' ? json['model'] : 'unknown',
    reviewedFiles: json['reviewedFiles'].filter((f): f is string => typeof f === 'string'),
    experts: json['experts'].map((e, i) => {
      if (!isRecord(e) || typeof e['name'] !== 'string') throw new Error(`${where}: expert ${i} needs a name`);
      return {
        name: e['name'],
        findings: findingsOf(e['findings'], `${where} (${e['name']})`),
        ...(typeof e['error'] === 'string' && { error: e['error'] }),
      };
    }),
    synthesis: findingsOf(json['synthesis'], `${where} (synthesis)`),
  };
  const usage = json['usage'];
  if (isRecord(usage)) {
    const tokens = (key: string) => (typeof usage[key] === 'number' ? usage[key] : 0);
    review.usage = {
      inputTokens: tokens('inputTokens'),
      outputTokens: tokens('outputTokens'),
      cacheWriteTokens: tokens('cacheWriteTokens'),
      cacheReadTokens: tokens('cacheReadTokens'),
    };
  }
  const cost = json['cost'];
  if (isRecord(cost)) {
    const usd = (key: string) => (typeof cost[key] === 'number' ? cost[key] : undefined);
    review.cost = { usd: usd('usd'), uncachedUsd: usd('uncachedUsd'), inputUsd: usd('inputUsd') };
  }
  return review;
}

export async function readRecorded(dir: string): Promise<RecordedReview[]> {
  const names = (await fsp.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  if (names.length === 0) throw new Error(`${dir} holds no recorded reviews (*.json)`);
  return Promise.all(
    names.map(async (n) => parseRecordedReview(JSON.parse(await fsp.readFile(join(dir, n), 'utf8')), join(dir, n))),
  );
}

export async function writeRecorded(dir: string, reviews: readonly RecordedReview[]): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  for (const r of reviews)
    await fsp.writeFile(join(dir, `${r.target.replace(/[^\w.-]/g, '-')}.json`), `${JSON.stringify(r, null, 2)}\n`);
}
