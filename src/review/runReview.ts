// Runs a multi-expert review: every expert in parallel over one cached context block, then a
// synthesis that merges their findings. Knows nothing of the editor; reports through `events`.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  ClaudeInvocationError,
  invokeClaude,
  invokeParallel,
  sumUsage,
  type ClaudeResult,
  type ClientConfig,
  type CostReport,
  type ErrorKind,
  type FanOutStrategy,
  type LimitFunction,
  type Logger,
  type PriceTable,
  type Usage,
} from '../core';
import type { RunStatus } from './runStatus';
import type { GatheredContext } from './context';
import { resolveModelAlias, type ExpertDefinition } from './experts';
import {
  EXPERT_FINDINGS_SCHEMA,
  SYNTHESIS_SCHEMA,
  fallbackMerge,
  parseExpertFindings,
  parseSynthesisFindings,
  sortFindings,
  withSeenText,
  type DroppedItem,
  type ExpertResult,
  type MergedFindings,
} from './findings';
import { onceLogger } from './onceLogger';
import { expertPrompt, synthesisPrompt } from './prompts';

export const SYNTHESIS_ID = 'synthesis';

export interface ReviewEvents {
  status(sectionId: string, status: RunStatus, note?: string): void;
  text(sectionId: string, chunk: string): void;
}

export interface ReviewRequest {
  context: GatheredContext;
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
  events: ReviewEvents;
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
  usage: Usage;
  cost: CostReport;
}

const STATUS_OF: Record<ClaudeResult['status'], RunStatus> = {
  completed: 'done',
  interrupted: 'cancelled',
  failed: 'failed',
  notStarted: 'cancelled',
};

export async function runReview(req: ReviewRequest): Promise<ReviewOutcome> {
  const { context, experts, events } = req;
  const knownFiles = context.files;
  const logger = req.logger && onceLogger(req.logger);
  const sharedOptions = { client: req.client, maxTokens: req.maxTokens, ...(logger && { logger }), ...(req.prices && { prices: req.prices }) };
  for (const e of experts) events.status(e.id, 'queued');
  // Each expert is parsed and reported the moment its request ends, so a lane shows "done" while the
  // others stream, and a later Cancel keeps what it found.
  const runs: ExpertRun[] = new Array<ExpertRun>(experts.length);
  let authFailureShown = false;
  const settle = (r: ClaudeResult, i: number): void => {
    const expert = experts[i]!;
    const parsed = r.status === 'completed' ? parseExpertFindings(r.text, { expertName: expert.name, knownFiles }) : undefined;
    const error = r.error?.message ?? (r.status === 'completed' ? parsed?.error : r.status === 'failed' ? 'failed' : 'cancelled');
    // The status already says "cancelled"; a note only adds what is worth knowing. A refused key is
    // said once per run (the review's message), not on every expert.
    const refused = r.error?.kind === 'authentication' || r.error?.kind === 'missingKey';
    const failedNote = refused ? (authFailureShown ? undefined : 'The API key was refused.') : error;
    if (refused) authFailureShown = true;
    const note = r.status === 'completed' ? parsed?.error : r.status === 'failed' ? failedNote : r.text ? 'Partial answer kept.' : undefined;
    const result: ExpertResult = {
      expertId: expert.id,
      expertName: expert.name,
      summary: parsed?.summary ?? '',
      findings: parsed?.findings ?? [],
      rawText: r.text,
      dropped: parsed?.dropped ?? [],
      ...(error && { error }),
    };
    events.status(expert.id, STATUS_OF[r.status], note);
    const run: ExpertRun = { expert, status: r.status, result, usage: r.usage, elapsedMs: r.timing.endedAt - r.timing.startedAt };
    if (r.error) run.errorKind = r.error.kind;
    runs[i] = run;
  };

  const results = await invokeParallel(
    experts.map((e) => ({
      prompt: expertPrompt(e),
      model: resolveModelAlias(e.model, req.model),
      outputFormat: { type: 'json_schema' as const, schema: { ...EXPERT_FINDINGS_SCHEMA } },
    })),
    {
      ...sharedOptions,
      model: req.model,
      maxWorkers: req.maxWorkers,
      ...(req.limiter && { limiter: req.limiter }),
      sharedSystem: context.systemText,
      cacheSharedSystem: true,
      strategy: req.strategy ?? 'cacheAware',
      ...(req.signal && { signal: req.signal }),
      onEvent: (event) => {
        const id = experts[event.index]!.id;
        if (event.type === 'text') events.text(id, event.text);
        else if (event.type === 'start') events.status(id, 'streaming');
        else if (event.type === 'done') settle(event.result, event.index);
        else if (event.type === 'retry') events.status(id, 'waiting', `${event.notice.error.message} Retrying in ${(event.notice.delayMs / 1000).toFixed(1)} s.`);
      },
    },
  );

  results.forEach((r, i) => {
    if (!runs[i]) settle(r, i);
  });

  const cancelled = req.signal?.aborted ?? false;
  const usable = runs.filter((r) => r.status === 'completed' && !r.result.error).map((r) => r.result);
  const dropped = runs.flatMap((r) => r.result.dropped ?? []);
  const allResults: ClaudeResult[] = [...results];
  const synthesis: ReviewOutcome['synthesis'] = { status: 'queued', text: '' };
  let merged = fallbackMerge(usable);

  if (cancelled) {
    synthesis.status = 'cancelled';
    synthesis.note = 'Cancelled before synthesis; findings merged without it.';
  } else if (!req.synthesis || usable.length < 2) {
    synthesis.status = 'done';
    synthesis.note = !req.synthesis ? 'Synthesis is off; findings merged by location and title.' : 'Fewer than two experts answered; nothing to synthesise.';
  } else {
    events.status(SYNTHESIS_ID, 'streaming');
    try {
      const synthesise = () => invokeClaude(synthesisPrompt(usable), {
        ...sharedOptions,
        model: req.model,
        system: context.systemText,
        cacheSystem: true,
        outputFormat: { type: 'json_schema', schema: { ...SYNTHESIS_SCHEMA } },
        onEvent: (event) => {
          if (event.type === 'text') events.text(SYNTHESIS_ID, event.text);
        },
        ...(req.signal && { signal: req.signal }),
      });
      const result = await (req.limiter ? req.limiter(synthesise) : synthesise());
      allResults.push(result);
      synthesis.text = result.text;
      if (result.status === 'interrupted') {
        synthesis.status = 'cancelled';
        synthesis.note = 'Cancelled during synthesis; findings merged without it.';
      } else {
        const parsed = parseSynthesisFindings(result.text, { knownFiles, expertNames: usable.map((u) => u.expertName) });
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
      synthesis.status = 'failed';
      synthesis.text = e?.partialText ?? '';
      synthesis.note = `Synthesis failed: ${e?.message ?? String(err)} Findings merged by location and title.`;
    }
  }
  events.status(SYNTHESIS_ID, synthesis.status, synthesis.note);

  const failed = runs.filter((r) => r.status === 'failed');
  const status: ReviewOutcome['status'] = req.signal?.aborted ? 'cancelled' : failed.length === runs.length ? 'failed' : 'completed';
  const outcome: ReviewOutcome = {
    status,
    experts: runs,
    synthesis,
    merged: { ...merged, findings: withSeenText(merged.findings, context.systemText) },
    findingsFrom: usable.map((u) => u.expertName),
    dropped,
    usage: sumUsage(allResults.map((r) => r.usage)),
    cost: addCosts(allResults.map((r) => r.cost)),
  };
  if (status === 'cancelled') {
    if (usable.length) outcome.message = `the findings of ${usable.map((u) => u.expertName).join(', ')}, which had finished, are kept (merged without synthesis).`;
  } else if (status === 'failed') outcome.message = failed[0]?.result.error ?? 'Every expert failed.';
  else if (failed.length) outcome.message = `${failed.length} of ${runs.length} experts failed: ${failed.map((f) => f.expert.name).join(', ')}.`;
  return outcome;
}

/** The synthesis may drop an expert's suggested fix; carry it over from the same place. */
function withFixesFromExperts(findings: MergedFindings['findings'], experts: readonly ExpertResult[]): MergedFindings['findings'] {
  const fixes = experts.flatMap((e) => e.findings).filter((f) => f.suggestedFix);
  return findings.map((f) => {
    if (f.suggestedFix) return f;
    const match = fixes.find((x) => x.file === f.file && x.startLine <= f.endLine && f.startLine <= x.endLine);
    return match?.suggestedFix ? { ...f, suggestedFix: match.suggestedFix } : f;
  });
}
