// The verify pass: after synthesis, one verifier request per selected finding over the SAME cached
// system block as the experts (so the code is a cache read), each confirming or refuting its finding
// with a reason. Refuted findings are then hidden by the visibility rule like low-confidence ones; a
// verifier that fails or is cancelled leaves its finding 'unverified' (and shown). The verifiers run
// under the review's limiter and signal, and report as one section with running counts.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  emptyUsage,
  findJson,
  invokeParallel,
  sumUsage,
  type CacheTtl,
  type ClaudeResult,
  type ClientConfig,
  type CostReport,
  type LimitFunction,
  type Logger,
  type PriceTable,
  type SpendGuard,
  type SystemInput,
  type Usage,
  type WarmPrefixes,
} from '../../core';
import { REFUTE_GROUNDS, VERIFICATION_SCHEMA, type Finding, type FindingVerification } from '../findings';
import { LiveCostMeter, type LiveCost } from '../liveCost';
import { verifierPrompt } from '../prompts';
import type { RunStatus } from '../runStatus';

export type VerifyMode = 'off' | 'high-severity' | 'all';

/** The review section the verify pass reports in. */
export const VERIFICATION_ID = 'verification';

/** A verdict is a sentence or two: a short reply keeps a runaway verifier cheap. */
export const VERIFIER_MAX_TOKENS = 1024;

/** The findings a mode sends to verifiers: none, critical and high ones, or all. */
export function findingsToVerify(findings: readonly Finding[], mode: VerifyMode): Finding[] {
  if (mode === 'off') return [];
  return mode === 'all' ? [...findings] : findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
}

export interface VerifyEvents {
  status(status: RunStatus, note?: string): void;
  /** A line per verdict, as Markdown. */
  text(chunk: string): void;
  /** The verifiers' live cost together. */
  cost?(live: LiveCost): void;
}

export interface VerifyRequest {
  /** The findings to check (see findingsToVerify). */
  findings: readonly Finding[];
  /** The review's shared system block, byte for byte (SharedBlock.system): verifiers read it from the cache. */
  system: SystemInput;
  client: Anthropic | ClientConfig;
  model: string;
  maxWorkers: number;
  limiter?: LimitFunction;
  signal?: AbortSignal;
  logger?: Logger;
  prices?: PriceTable;
  cacheTtl?: CacheTtl;
  warmPrefixes?: WarmPrefixes;
  /** The run's spending cap: each verifier is admitted by it first. */
  spendGuard?: SpendGuard;
  events: VerifyEvents;
}

export interface VerifyOutcome {
  /** Each checked finding's verdict, by finding id. */
  verdicts: Map<string, FindingVerification>;
  counts: Record<FindingVerification['verdict'], number>;
  status: RunStatus;
  note: string;
  usage: Usage;
  cost: CostReport;
}

/** The verdict in a verifier's reply, or why it could not be read. */
export function readVerdict(result: ClaudeResult): FindingVerification {
  if (result.status !== 'completed') {
    const why =
      result.status === 'failed' ? (result.error?.message ?? 'the request failed') : 'the review was cancelled first';
    return { verdict: 'unverified', reason: `Not verified: ${why}` };
  }
  const found = findJson(result.text, (v) => typeof v === 'object' && v !== null && 'verdict' in v);
  const answer = 'value' in found ? (found.value as Record<string, unknown>) : undefined;
  const verdict = answer?.['verdict'];
  const reason = typeof answer?.['reason'] === 'string' ? answer['reason'].trim() : '';
  const ground = REFUTE_GROUNDS.find((g) => g === answer?.['ground']);
  if (verdict === 'refuted') return ground ? { verdict, reason, ground } : { verdict, reason };
  if (verdict === 'confirmed') return { verdict, reason };
  return { verdict: 'unverified', reason: "Not verified: the verifier's answer could not be read." };
}

export function countNote(counts: VerifyOutcome['counts'], checked: number, total: number): string {
  const parts = [
    `${counts.confirmed} confirmed`,
    `${counts.refuted} refuted`,
    ...(counts.unverified ? [`${counts.unverified} unverified`] : []),
  ];
  return `${checked} of ${total} checked: ${parts.join(', ')}.`;
}

/** Several requests' live costs as one section's: summed, final once every one is. */
function together(lives: ReadonlyArray<LiveCost | undefined>, total: number): LiveCost {
  const known = lives.filter((l): l is LiveCost => l !== undefined);
  const sum = (pick: (l: LiveCost) => number | undefined): number | undefined =>
    known.some((l) => pick(l) === undefined) ? undefined : known.reduce((a, l) => a + (pick(l) ?? 0), 0);
  const caches = known.map((l) => l.cache).filter((c) => c !== undefined);
  const live: LiveCost = {
    usage: known.length ? sumUsage(known.map((l) => l.usage)) : emptyUsage(),
    usd: sum((l) => l.usd),
    savedUsd: sum((l) => l.savedUsd),
    final: known.length === total && known.every((l) => l.final),
  };
  const cache = caches.includes('written')
    ? 'written'
    : caches.includes('missed')
      ? 'missed'
      : caches.length
        ? 'read'
        : undefined;
  if (cache) live.cache = cache;
  const minimum = known.find((l) => l.cacheMinimum !== undefined)?.cacheMinimum;
  if (cache === 'missed' && minimum !== undefined && known.every((l) => l.cache !== 'missed' || l.cacheMinimum))
    live.cacheMinimum = minimum;
  return live;
}

const VERDICT_LABEL: Record<FindingVerification['verdict'], string> = {
  confirmed: 'Confirmed',
  refuted: 'Refuted',
  unverified: 'Unverified',
};

export async function verifyFindings(req: VerifyRequest): Promise<VerifyOutcome> {
  const { findings, events } = req;
  const counts = { confirmed: 0, refuted: 0, unverified: 0 };
  const verdicts = new Map<string, FindingVerification>();
  if (findings.length === 0) {
    const note = 'No finding needed verifying.';
    events.status('done', note);
    return { verdicts, counts, status: 'done', note, usage: emptyUsage(), cost: addCosts([]) };
  }
  const lives: Array<LiveCost | undefined> = findings.map(() => undefined);
  const meters = findings.map(
    (_, i) =>
      new LiveCostMeter(
        req.model,
        (live) => {
          lives[i] = live;
          events.cost?.(together(lives, findings.length));
        },
        req.prices,
      ),
  );
  let checked = 0;
  const settle = (result: ClaudeResult, i: number): void => {
    if (verdicts.has(findings[i]!.id)) return;
    const f = findings[i]!;
    const verification = readVerdict(result);
    verdicts.set(f.id, verification);
    counts[verification.verdict]++;
    checked++;
    events.text(
      `- **${VERDICT_LABEL[verification.verdict]}**: ${f.title} (\`${f.file}:${f.startLine}\`)${verification.reason ? ` ${verification.reason}` : ''}\n`,
    );
    events.status('streaming', countNote(counts, checked, findings.length));
  };

  events.status(
    'streaming',
    `Checking ${findings.length} finding${findings.length === 1 ? '' : 's'} against the cached code.`,
  );
  const results = await invokeParallel(
    findings.map((f) => ({
      prompt: verifierPrompt({ ...f, quotesUnchangedCode: quotesUnchangedCode(f) }),
      outputFormat: { type: 'json_schema' as const, schema: { ...VERIFICATION_SCHEMA } },
    })),
    {
      client: req.client,
      model: req.model,
      maxTokens: VERIFIER_MAX_TOKENS,
      maxWorkers: req.maxWorkers,
      ...(req.limiter && { limiter: req.limiter }),
      sharedSystem: req.system,
      cacheSharedSystem: true,
      strategy: 'cacheAware',
      ...(req.warmPrefixes && { warmPrefixes: req.warmPrefixes }),
      ...(req.signal && { signal: req.signal }),
      ...(req.logger && { logger: req.logger }),
      ...(req.prices && { prices: req.prices }),
      ...(req.cacheTtl && { cacheTtl: req.cacheTtl }),
      ...(req.spendGuard && { spendGuard: req.spendGuard }),
      onEvent: (event) => {
        const meter = meters[event.index]!;
        if (event.type === 'start') meter.started(event.start);
        else if (event.type === 'text') meter.text(event.text);
        else if (event.type === 'done') {
          meter.done(event.result);
          settle(event.result, event.index);
        }
      },
    },
  );
  results.forEach((r, i) => settle(r, i));

  const cancelled = req.signal?.aborted ?? false;
  const status: RunStatus = cancelled ? 'cancelled' : counts.unverified === findings.length ? 'failed' : 'done';
  const note = countNote(counts, checked, findings.length);
  events.status(status, note);
  return {
    verdicts,
    counts,
    status,
    note,
    usage: sumUsage(results.map((r) => r.usage)),
    cost: addCosts(results.map((r) => r.cost)),
  };
}

/** A diff review's finding whose quote holds but is all unchanged code (it needs stronger evidence). */
const quotesUnchangedCode = (f: Finding): boolean =>
  f.evidenceCheck?.verdict === 'supported' && f.evidenceCheck.inChangedLines === false;

/**
 * The findings with each checked one's verdict recorded. One refuted as pre-existing is tagged so, and
 * then kept apart as pre-existing (shown on demand) like those the experts tagged.
 */
export function withVerdicts(
  findings: readonly Finding[],
  verdicts: ReadonlyMap<string, FindingVerification>,
): Finding[] {
  return findings.map((f) => {
    const verification = verdicts.get(f.id);
    if (!verification) return f;
    const preExisting = verification.verdict === 'refuted' && verification.ground === 'pre-existing';
    return { ...f, verification, ...(preExisting && { preExisting: true }) };
  });
}
