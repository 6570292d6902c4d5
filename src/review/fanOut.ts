// The fan-out of a review: every expert in parallel over one shared block (SharedBlock: the rules
// and the code, cached), each parsed and placed the moment it ends, then a synthesis over the same
// block that merges their findings. Reports as the pipeline does, with ReviewEvent objects (status, text,
// cost) straight to the listener; the running total of cost events is the caller's (CostTally: the
// capped run's). Knows nothing of the editor.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  ClaudeInvocationError,
  costOf,
  invokeClaude,
  invokeParallel,
  retryNote,
  sumUsage,
  type ClaudeResult,
  type ClientConfig,
  type CostReport,
  type ErrorKind,
  type FanOutStrategy,
  type LimitFunction,
  type Logger,
  type PriceTable,
  type QueuedNotice,
  type SpendGuard,
  type CacheTtl,
  type Usage,
  type WarmPrefixes,
} from '../core';
import { LiveCostMeter, type LiveCost } from './liveCost';
import type { RunStatus } from './runStatus';
import { resolveModelAlias, type ExpertDefinition } from './experts';
import {
  EXPERT_FINDINGS_SCHEMA,
  SYNTHESIS_SCHEMA,
  fallbackMerge,
  finalFindings,
  mergeSuppressedByRules,
  parseExpertFindings,
  parseSynthesisFindings,
  sortFindings,
  withEvidenceChecks,
  type DroppedItem,
  type ExpertResult,
  type MergedFindings,
  type SuppressedByRule,
} from './findings';
import { onceLogger } from './onceLogger';
import type { ReviewListener } from './pipeline/ports';
import { expertPrompt, synthesisPrompt } from './prompts';
import type { SharedBlock } from './sharedBlock';

export const SYNTHESIS_ID = 'synthesis';

/** The running total that cost events carry: the section's latest cost in, the run's total (and what caching saved) out. */
export interface CostTally {
  add(sectionId: string, live: LiveCost): { usd: number; savedUsd: number };
}

/** A tally of the latest cost of each section, going on from what was spent `earlier` (a review's first run). */
export function costTally(earlier = { usd: 0, savedUsd: 0 }): CostTally {
  const usd = new Map<string, number>();
  const saved = new Map<string, number>();
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    add(sectionId, live) {
      if (live.usd !== undefined) usd.set(sectionId, live.usd);
      saved.set(sectionId, live.savedUsd ?? 0);
      return { usd: earlier.usd + sum(usd), savedUsd: earlier.savedUsd + sum(saved) };
    },
  };
}

export interface FanOutRequest {
  /** The rules and code every request shares, cached once. */
  block: SharedBlock;
  experts: readonly ExpertDefinition[];
  client: Anthropic | ClientConfig;
  model: string;
  maxTokens: number;
  maxWorkers: number;
  /** Shared with other runs so that all of them together respect one concurrency. */
  limiter?: LimitFunction;
  strategy?: FanOutStrategy;
  synthesis: boolean;
  signal?: AbortSignal;
  logger?: Logger;
  prices?: PriceTable;
  /** Cache lifetime of the shared block (default 5 minutes). */
  cacheTtl?: CacheTtl;
  /** Prefixes known to be warm: a review of code whose block is still cached fans out at once. */
  warmPrefixes?: WarmPrefixes;
  /** Per expert id, a signal that stops that expert alone (its partial text is kept). */
  expertSignals?: ReadonlyMap<string, AbortSignal>;
  /** The run's spending cap: every request (experts, synthesis) is admitted by it first. */
  spendGuard?: SpendGuard;
  /** Where status, text and cost events go (the synthesis lane's only when `synthesis` is on). */
  emit: ReviewListener;
  /** The running total cost events carry (default: this fan-out's own). */
  tally?: CostTally;
}

export interface ExpertRun {
  expert: ExpertDefinition;
  status: ClaudeResult['status'];
  errorKind?: ErrorKind;
  result: ExpertResult;
  usage: Usage;
  elapsedMs: number;
}

export interface ReviewOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  message?: string;
  experts: ExpertRun[];
  synthesis: { status: RunStatus; text: string; note?: string };
  merged: MergedFindings;
  /** Names of the experts whose findings are in `merged` (after a cancel: those that had finished). */
  findingsFrom: string[];
  dropped: DroppedItem[];
  /** Findings the project's rules kept experts from raising, per rules file. */
  suppressedByRules: SuppressedByRule[];
  usage: Usage;
  cost: CostReport;
}

const STATUS_OF: Record<ClaudeResult['status'], RunStatus> = {
  completed: 'done',
  interrupted: 'cancelled',
  failed: 'failed',
  notStarted: 'cancelled',
};

export async function fanOutExperts(req: FanOutRequest): Promise<ReviewOutcome> {
  const { block, experts, emit } = req;
  const knownFiles = block.files;
  const system = block.system;
  const tally = req.tally ?? costTally();
  const setStatus = (sectionId: string, status: RunStatus, note?: string) =>
    emit(note === undefined ? { type: 'status', sectionId, status } : { type: 'status', sectionId, status, note });
  const logger = req.logger && onceLogger(req.logger);
  const sharedOptions = {
    client: req.client,
    maxTokens: req.maxTokens,
    ...(logger && { logger }),
    ...(req.prices && { prices: req.prices }),
    ...(req.cacheTtl && { cacheTtl: req.cacheTtl }),
    ...(req.spendGuard && { spendGuard: req.spendGuard }),
  };
  // Every expert starts queued; those told at once why they wait (the cache being written) say so.
  const initialNotes = new Map<number, string>();
  /** Experts whose status carries a queued note, cleared when they start. */
  const noted = new Set<number>();
  let started = false;
  // The shared block (rules, then code) is what the cache holds; a lane says when it was too short to cache.
  const sharedTokens = block.tokens;
  const meterFor = (id: string, model: string) =>
    new LiveCostMeter(
      model,
      (live) => emit({ type: 'cost', sectionId: id, live, total: tally.add(id, live) }),
      req.prices,
      sharedTokens,
    );
  const meters = experts.map((e) => meterFor(e.id, resolveModelAlias(e.model, req.model)));
  // Each expert is parsed and reported the moment its request ends, so a lane shows "done" while the
  // others stream, and a later Cancel keeps what it found.
  const runs: ExpertRun[] = new Array<ExpertRun>(experts.length);
  let authFailureShown = false;
  const settle = (r: ClaudeResult, i: number): void => {
    const expert = experts[i]!;
    const parsed =
      r.status === 'completed' ? parseExpertFindings(r.text, { expertName: expert.name, knownFiles }) : undefined;
    const error =
      r.error?.message ?? (r.status === 'completed' ? parsed?.error : r.status === 'failed' ? 'failed' : 'cancelled');
    // The status already says "cancelled"; a note only adds what is worth knowing. A refused key is
    // said once per run (the review's message), not on every expert.
    const refused = r.error?.kind === 'authentication' || r.error?.kind === 'missingKey';
    const failedNote = refused ? (authFailureShown ? undefined : 'The API key was refused.') : error;
    if (refused) authFailureShown = true;
    const stoppedAlone =
      r.status !== 'completed' &&
      r.status !== 'failed' &&
      !req.signal?.aborted &&
      req.expertSignals?.get(expert.id)?.aborted;
    const note =
      r.status === 'completed'
        ? parsed?.error
        : r.status === 'failed'
          ? failedNote
          : stoppedAlone
            ? `Stopped.${r.text ? ' Partial answer kept.' : ''}`
            : r.text
              ? 'Partial answer kept.'
              : undefined;
    const result: ExpertResult = {
      expertId: expert.id,
      expertName: expert.name,
      summary: parsed?.summary ?? '',
      // Each expert's quotes are checked as they arrive (per-expert figures); the merged list again.
      findings: withEvidenceChecks(parsed?.findings ?? [], block),
      rawText: r.text,
      dropped: parsed?.dropped ?? [],
      ...(parsed?.suppressedByRules && { suppressedByRules: parsed.suppressedByRules }),
      ...(parsed?.omitted && { omitted: parsed.omitted }),
      ...(error && { error }),
    };
    setStatus(expert.id, STATUS_OF[r.status], note);
    if (parsed && !parsed.error) emit({ type: 'expertFindings', sectionId: expert.id, findings: parsed.findings });
    const run: ExpertRun = {
      expert,
      status: r.status,
      result,
      usage: r.usage,
      elapsedMs: r.timing.endedAt - r.timing.startedAt,
    };
    if (r.error) run.errorKind = r.error.kind;
    runs[i] = run;
  };

  const running = invokeParallel(
    experts.map((e) => {
      const signal = req.expertSignals?.get(e.id);
      return {
        prompt: expertPrompt(e),
        model: resolveModelAlias(e.model, req.model),
        outputFormat: { type: 'json_schema' as const, schema: { ...EXPERT_FINDINGS_SCHEMA } },
        ...(signal && { signal }),
      };
    }),
    {
      ...sharedOptions,
      model: req.model,
      maxWorkers: req.maxWorkers,
      ...(req.limiter && { limiter: req.limiter }),
      sharedSystem: system,
      cacheSharedSystem: true,
      strategy: req.strategy ?? 'cacheAware',
      ...(req.signal && { signal: req.signal }),
      ...(req.warmPrefixes && { warmPrefixes: req.warmPrefixes }),
      onQueued: (index, queued) => {
        noted.add(index);
        if (started) setStatus(experts[index]!.id, 'queued', queuedNote(queued));
        else initialNotes.set(index, queuedNote(queued));
      },
      onEvent: (event) => {
        const id = experts[event.index]!.id;
        const meter = meters[event.index]!;
        if (event.type === 'text') {
          emit({ type: 'text', sectionId: id, text: event.text });
          meter.text(event.text);
        } else if (event.type === 'start') {
          if (noted.delete(event.index)) setStatus(id, 'streaming', '');
          else setStatus(id, 'streaming');
          meter.started(event.start);
        } else if (event.type === 'done') {
          meter.done(event.result);
          settle(event.result, event.index);
        } else if (event.type === 'retry') setStatus(id, 'waiting', retryNote(event.notice));
      },
    },
  );
  started = true;
  experts.forEach((e, i) => setStatus(e.id, 'queued', initialNotes.get(i)));
  const results = await running;

  results.forEach((r, i) => {
    if (!runs[i]) settle(r, i);
  });

  const cancelled = req.signal?.aborted ?? false;
  const usable = runs.filter((r) => r.status === 'completed' && !r.result.error).map((r) => r.result);
  const dropped = runs.flatMap((r) => r.result.dropped ?? []);
  const allResults: ClaudeResult[] = [...results];
  let failedSynthesis: Usage | undefined;
  const synthesis: ReviewOutcome['synthesis'] = { status: 'queued', text: '' };
  let merged = fallbackMerge(usable);

  if (cancelled) {
    synthesis.status = 'cancelled';
    synthesis.note = 'Cancelled before synthesis; findings merged without it.';
  } else if (req.synthesis && usable.length === 0) {
    // Nothing ran: the lane must not read "done" (nor show an earlier run's figures).
    synthesis.status = 'cancelled';
    synthesis.note = 'No expert answered, so there was nothing to synthesise.';
  } else if (!req.synthesis || usable.length < 2) {
    synthesis.status = 'done';
    synthesis.note = !req.synthesis
      ? 'Synthesis is off; findings merged by location and title.'
      : 'Fewer than two experts answered; nothing to synthesise.';
  } else {
    setStatus(SYNTHESIS_ID, 'streaming');
    const meter = meterFor(SYNTHESIS_ID, req.model);
    try {
      const synthesise = () =>
        invokeClaude(synthesisPrompt(usable), {
          ...sharedOptions,
          model: req.model,
          system,
          cacheSystem: true,
          outputFormat: { type: 'json_schema', schema: { ...SYNTHESIS_SCHEMA } },
          onEvent: (event) => {
            if (event.type === 'text') {
              emit({ type: 'text', sectionId: SYNTHESIS_ID, text: event.text });
              meter.text(event.text);
            } else if (event.type === 'start') meter.started(event.start);
          },
          ...(req.signal && { signal: req.signal }),
        });
      const result = await (req.limiter ? req.limiter(synthesise) : synthesise());
      meter.done(result);
      allResults.push(result);
      synthesis.text = result.text;
      if (result.status === 'interrupted') {
        synthesis.status = 'cancelled';
        synthesis.note = 'Cancelled during synthesis; findings merged without it.';
      } else {
        const parsed = parseSynthesisFindings(result.text, {
          knownFiles,
          expertNames: usable.map((u) => u.expertName),
        });
        if (parsed.error || (parsed.findings.length === 0 && merged.findings.length > 0)) {
          synthesis.status = 'failed';
          synthesis.note = `The synthesis could not be used (${parsed.error ?? 'it returned no findings'}); findings merged by location and title.`;
        } else {
          synthesis.status = 'done';
          merged = { summary: parsed.summary, findings: sortFindings(withFixesFromExperts(parsed.findings, usable)) };
        }
      }
    } catch (err) {
      const e = err instanceof ClaudeInvocationError ? err : undefined;
      // A failed synthesis was still billed for what the API reported before failing.
      if (e?.usage) failedSynthesis = e.usage;
      synthesis.status = 'failed';
      synthesis.text = e?.partialText ?? '';
      synthesis.note = `Synthesis failed: ${e?.message ?? String(err)} Findings merged by location and title.`;
    }
  }
  // The synthesis lane exists only when the synthesis is on (a run of more experts leaves it alone).
  if (req.synthesis) setStatus(SYNTHESIS_ID, synthesis.status, synthesis.note);

  const failed = runs.filter((r) => r.status === 'failed');
  const status: ReviewOutcome['status'] = req.signal?.aborted
    ? 'cancelled'
    : failed.length === runs.length
      ? 'failed'
      : 'completed';
  const outcome: ReviewOutcome = {
    status,
    experts: runs,
    synthesis,
    merged: {
      ...merged,
      findings: finalFindings(merged.findings, block),
    },
    findingsFrom: usable.map((u) => u.expertName),
    dropped,
    suppressedByRules: mergeSuppressedByRules(usable.map((r) => r.suppressedByRules)),
    usage: sumUsage([...allResults.map((r) => r.usage), ...(failedSynthesis ? [failedSynthesis] : [])]),
    cost: addCosts([
      ...allResults.map((r) => r.cost),
      ...(failedSynthesis ? [costOf(failedSynthesis, req.model, req.prices)] : []),
    ]),
  };
  if (status === 'cancelled') {
    if (usable.length)
      outcome.message = `the findings of ${usable.map((u) => u.expertName).join(', ')}, which had finished, are kept (merged without synthesis).`;
  } else if (status === 'failed') outcome.message = failed[0]?.result.error ?? 'Every expert failed.';
  else if (failed.length)
    outcome.message = `${failed.length} of ${runs.length} experts failed: ${failed.map((f) => f.expert.name).join(', ')}.`;
  return outcome;
}

function queuedNote(queued: QueuedNotice): string {
  if (queued.reason === 'cache')
    return 'Queued: waiting for the first expert on this model to write the shared context to the cache.';
  return `Queued: ${ordinal(queued.position)} in line (at most ${queued.limit} request${queued.limit === 1 ? '' : 's'} at once).`;
}

const ordinal = (n: number): string =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The synthesis may drop an expert's suggested fix; carry it over from the same place. */
function withFixesFromExperts(
  findings: MergedFindings['findings'],
  experts: readonly ExpertResult[],
): MergedFindings['findings'] {
  const fixes = experts.flatMap((e) => e.findings).filter((f) => f.suggestedFix);
  return findings.map((f) => {
    if (f.suggestedFix) return f;
    const match = fixes.find((x) => x.file === f.file && x.startLine <= f.endLine && f.startLine <= x.endLine);
    return match?.suggestedFix ? { ...f, suggestedFix: match.suggestedFix } : f;
  });
}
