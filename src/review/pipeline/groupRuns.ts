// Steps 5–7b for every context group of a review (see gatherGroups.ts): each group is a full review
// (the experts over its own cached block, its synthesis, its verifiers) under one limiter, signal and
// budget, and the outcomes are combined into one. With one group this is the review as it always was:
// the same section ids, names and outcome.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  createLimiter,
  sumUsage,
  type ClientConfig,
  type LimitFunction,
  type Logger,
  type SpendGuard,
  type WarmPrefixes,
} from '../../core';
import type { GatheredContext } from '../context';
import type { ExpertDefinition } from '../experts';
import { mergeSuppressedByRules, sortFindings, type VisibilityRules } from '../findings';
import type { LiveCost } from '../liveCost';
import { reviewSystem, runReview, SYNTHESIS_ID, type ReviewOutcome } from '../runReview';
import type { RunStatus } from '../runStatus';
import { VERIFICATION_ID } from '../verify';
import type { ExpertControls } from './expertControls';
import type { ReviewSettings } from './ports';
import type { ReviewEvent } from './reviewEvents';
import type { ReviewSection } from './reviewRecord';
import { verifyStep } from './verifyStep';

/** A section of group `index` (0-based): the first group keeps the plain ids the editor knows. */
export const groupSectionId = (id: string, index: number): string => (index === 0 ? id : `${id}@${index + 1}`);

/** Every lane of a run over `groups` context groups, in order. */
export function groupSections(
  experts: readonly ExpertDefinition[],
  settings: Pick<ReviewSettings, 'synthesis' | 'verify'>,
  groups: number,
): ReviewSection[] {
  const one: ReviewSection[] = [
    ...experts.map((e) => ({ id: e.id, title: e.name })),
    ...(settings.synthesis ? [{ id: SYNTHESIS_ID, title: 'Synthesis' }] : []),
    ...((settings.verify ?? 'off') !== 'off' ? [{ id: VERIFICATION_ID, title: 'Verification' }] : []),
  ];
  if (groups === 1) return one;
  return Array.from({ length: groups }, (_, i) =>
    one.map((s) => ({ id: groupSectionId(s.id, i), title: `${s.title} (group ${i + 1} of ${groups})` })),
  ).flat();
}

export interface GroupRunsInput {
  groups: readonly GatheredContext[];
  rulesText: string;
  experts: readonly ExpertDefinition[];
  client: Anthropic | ClientConfig;
  settings: ReviewSettings;
  /** The run's signal: Cancel and a reached cap stop every group. */
  signal: AbortSignal;
  limiter?: LimitFunction;
  logger?: Logger;
  warmPrefixes?: WarmPrefixes;
  controls?: ExpertControls;
  /** The run's spending cap (CappedRun.guard). */
  spendGuard?: SpendGuard;
  visibility: VisibilityRules;
  emit: (event: ReviewEvent) => void;
  onCost: (sectionId: string, live: LiveCost) => void;
}

export async function runGroups(input: GroupRunsInput): Promise<ReviewOutcome> {
  const { groups, experts, settings } = input;
  // Groups run side by side under one concurrency: each group's first expert writes its block alone.
  const limiter = input.limiter ?? (groups.length > 1 ? createLimiter(settings.maxConcurrency) : undefined);
  const expertSignals = input.controls?.signalsFor(experts.map((e) => e.id));
  const outcomes = await Promise.all(
    groups.map(async (context, i) => {
      const id = (sectionId: string) => groupSectionId(sectionId, i);
      const emit = (event: ReviewEvent): void =>
        input.emit(
          event.type === 'status' || event.type === 'text' ? { ...event, sectionId: id(event.sectionId) } : event,
        );
      let outcome = await runReview({
        context,
        ...(input.rulesText && { rulesText: input.rulesText }),
        experts,
        client: input.client,
        model: settings.model,
        maxTokens: settings.maxTokens,
        maxWorkers: settings.maxConcurrency,
        strategy: settings.fanOutStrategy,
        synthesis: settings.synthesis,
        ...(limiter && { limiter }),
        signal: input.signal,
        ...(input.logger && { logger: input.logger }),
        ...(settings.prices && { prices: settings.prices }),
        ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
        ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
        ...(expertSignals && { expertSignals }),
        ...(input.spendGuard && { spendGuard: input.spendGuard }),
        events: {
          status: (sectionId, status, note) =>
            emit(
              note === undefined ? { type: 'status', sectionId, status } : { type: 'status', sectionId, status, note },
            ),
          text: (sectionId, text) => emit({ type: 'text', sectionId, text }),
          cost: (sectionId, live) => input.onCost(id(sectionId), live),
        },
      });
      const verifyMode = settings.verify ?? 'off';
      if (verifyMode !== 'off')
        outcome = await verifyStep({
          mode: verifyMode,
          outcome,
          visibility: input.visibility,
          system: reviewSystem(context, input.rulesText || undefined),
          client: input.client,
          settings,
          signal: input.signal,
          ...(limiter && { limiter }),
          ...(input.logger && { logger: input.logger }),
          ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
          ...(input.spendGuard && { spendGuard: input.spendGuard }),
          emit,
          onCost: (live) => input.onCost(id(VERIFICATION_ID), live),
        });
      return outcome;
    }),
  );
  return combineOutcomes(outcomes);
}

const STATUS_ORDER: RunStatus[] = ['failed', 'cancelled', 'streaming', 'waiting', 'queued', 'done'];

/** One outcome of several groups' outcomes: every finding, usage and cost; the worst status. */
export function combineOutcomes(outcomes: readonly ReviewOutcome[]): ReviewOutcome {
  if (outcomes.length === 1) return outcomes[0]!;
  const label = (i: number) => `group ${i + 1} of ${outcomes.length}`;
  const status: ReviewOutcome['status'] = outcomes.some((o) => o.status === 'cancelled')
    ? 'cancelled'
    : outcomes.every((o) => o.status === 'failed')
      ? 'failed'
      : 'completed';
  const messages = outcomes.flatMap((o, i) => (o.message ? [`${label(i)}: ${o.message}`] : []));
  const failedGroups = outcomes.flatMap((o, i) => (o.status === 'failed' ? [label(i)] : []));
  const synthesisStatus = STATUS_ORDER.find((s) => outcomes.some((o) => o.synthesis.status === s)) ?? 'done';
  const notes = outcomes.flatMap((o, i) => (o.synthesis.note ? [`${label(i)}: ${o.synthesis.note}`] : []));
  const combined: ReviewOutcome = {
    status,
    experts: outcomes.flatMap((o, i) =>
      o.experts.map((run) => ({
        ...run,
        result: { ...run.result, expertName: `${run.result.expertName} (${label(i)})` },
      })),
    ),
    synthesis: { status: synthesisStatus, text: '', ...(notes.length && { note: notes.join(' ') }) },
    merged: {
      summary: outcomes
        .map((o, i) => (o.merged.summary ? `${label(i)}: ${o.merged.summary}` : ''))
        .filter(Boolean)
        .join('\n\n'),
      findings: sortFindings(outcomes.flatMap((o) => o.merged.findings)),
    },
    findingsFrom: [...new Set(outcomes.flatMap((o) => o.findingsFrom))],
    dropped: outcomes.flatMap((o) => o.dropped),
    suppressedByRules: mergeSuppressedByRules(outcomes.map((o) => o.suppressedByRules)),
    usage: sumUsage(outcomes.map((o) => o.usage)),
    cost: addCosts(outcomes.map((o) => o.cost)),
  };
  const message = [
    ...(failedGroups.length && status !== 'failed' ? [`Every expert failed in ${failedGroups.join(', ')}.`] : []),
    ...messages,
  ].join(' ');
  if (message) combined.message = message;
  return combined;
}
