// Steps 5–7b for every context group of a review (see gatherGroups.ts): each group is a full review
// (the experts over its own cached block, its synthesis, its verifiers) under one limiter, signal and
// budget (inside one cappedFanOut), and the outcomes are combined into one. A review of one group does
// not come here: it is the capped fan-out over its one block, as it always was.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  createLimiter,
  sumUsage,
  type ClientConfig,
  type LimitFunction,
  type Logger,
  type WarmPrefixes,
} from '../../core';
import type { ExpertDefinition } from '../experts';
import { mergeSuppressedByRules, sortFindings, type VisibilityRules } from '../findings';
import { fanOutExperts, SYNTHESIS_ID, type CostTally, type ReviewOutcome } from '../fanOut';
import { laneSections } from '../passes';
import type { RunStatus } from '../runStatus';
import { VERIFICATION_ID } from '../verify';
import type { SharedBlock } from '../sharedBlock';
import type { CappedScope } from './cappedFanOut';
import type { ExpertControls } from './expertControls';
import type { ReviewListener, ReviewSettings } from './ports';
import type { ReviewSection } from './reviewRecord';
import { verifyStep } from './verifyStep';

/** A section of group `index` (0-based): the first group keeps the plain ids the editor knows. */
export const groupSectionId = (id: string, index: number): string => (index === 0 ? id : `${id}@${index + 1}`);

/**
 * Whether a lane is an expert's (any pass, any group) rather than a group's synthesis or verification:
 * what the editor counts as "experts done".
 */
export const isExpertLane = (sectionId: string): boolean => expertOfLane(sectionId) !== undefined;

/**
 * The expert a lane belongs to (`correctness-pass2@3` → `correctness`), or undefined for a synthesis or
 * verification lane. Stopping or retrying a lane acts on its expert: every group and pass shares its signal.
 */
export function expertOfLane(sectionId: string): string | undefined {
  const base = sectionId.replace(/@\d+$/, '');
  if (base === SYNTHESIS_ID || base === VERIFICATION_ID) return undefined;
  return base.replace(/-pass\d+$/, '');
}

/** Every lane of a run over `groups` context groups, in order. */
export function groupSections(
  experts: readonly ExpertDefinition[],
  settings: Pick<ReviewSettings, 'synthesis' | 'verify' | 'passes'>,
  groups: number,
): ReviewSection[] {
  const one: ReviewSection[] = [
    ...laneSections(experts, settings.passes),
    ...(settings.synthesis ? [{ id: SYNTHESIS_ID, title: 'Synthesis' }] : []),
    ...((settings.verify ?? 'off') !== 'off' ? [{ id: VERIFICATION_ID, title: 'Verification' }] : []),
  ];
  if (groups === 1) return one;
  return Array.from({ length: groups }, (_, i) =>
    one.map((s) => ({ id: groupSectionId(s.id, i), title: `${s.title}${groupSuffix(i, groups)}` })),
  ).flat();
}

const groupSuffix = (index: number, groups: number) => ` (group ${index + 1} of ${groups})`;

/**
 * The experts whose lanes these are (every group's and pass's lane is its expert's work), each named by its
 * first lane without the group suffix: what a shell opens one output channel and counts one expert for.
 */
export function expertsOfLanes(sections: readonly ReviewSection[]): ReviewSection[] {
  const experts = new Map<string, string>();
  for (const s of sections) {
    const id = expertOfLane(s.id);
    if (id === s.id && !experts.has(id)) experts.set(id, s.title.replace(/ \(group \d+ of \d+\)$/, ''));
  }
  return [...experts].map(([id, title]) => ({ id, title }));
}

export interface GroupRunsInput {
  /** Each group's shared block (built once per group), in order. */
  blocks: readonly SharedBlock[];
  experts: readonly ExpertDefinition[];
  client: Anthropic | ClientConfig;
  settings: ReviewSettings;
  /** The capped run's scope: its signal (Cancel and a reached cap stop every group), guard and tally. */
  run: CappedScope;
  limiter?: LimitFunction;
  logger?: Logger;
  warmPrefixes?: WarmPrefixes;
  controls?: ExpertControls;
  visibility: VisibilityRules;
  emit: ReviewListener;
}

export async function runGroups(input: GroupRunsInput): Promise<ReviewOutcome> {
  const { blocks, experts, settings, run } = input;
  // Groups run side by side under one concurrency: each group's first expert writes its block alone.
  const limiter = input.limiter ?? (blocks.length > 1 ? createLimiter(settings.maxConcurrency) : undefined);
  const expertSignals = input.controls?.signalsFor(experts.map((e) => e.id));
  const outcomes = await Promise.all(
    blocks.map(async (block, i) => {
      const id = (sectionId: string) => groupSectionId(sectionId, i);
      // Each group's own signal, dependent on the run's: AbortSignal.any adds no listener to the run's
      // signal, so twenty groups' requests do not pile listeners on one signal (MaxListenersExceeded).
      const signal = AbortSignal.any([run.signal]);
      const emit: ReviewListener = (event) =>
        input.emit(
          event.type === 'status' || event.type === 'text' || event.type === 'cost'
            ? { ...event, sectionId: id(event.sectionId) }
            : event,
        );
      // One tally for the run: each group's sections under their own ids, so none overwrites another's.
      const tally: CostTally = { add: (sectionId, live) => run.tally.add(id(sectionId), live) };
      let outcome = await fanOutExperts({
        block,
        experts,
        client: input.client,
        model: settings.model,
        maxTokens: settings.maxTokens,
        maxWorkers: settings.maxConcurrency,
        strategy: settings.fanOutStrategy,
        synthesis: settings.synthesis,
        signal,
        emit,
        tally,
        ...(settings.passes && { passes: settings.passes }),
        ...(limiter && { limiter }),
        ...(input.logger && { logger: input.logger }),
        ...(settings.prices && { prices: settings.prices }),
        ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
        ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
        ...(expertSignals && { expertSignals }),
        ...(run.spendGuard && { spendGuard: run.spendGuard }),
      });
      const verifyMode = settings.verify ?? 'off';
      if (verifyMode !== 'off')
        outcome = await verifyStep({
          mode: verifyMode,
          outcome,
          visibility: input.visibility,
          system: block.system,
          client: input.client,
          settings,
          signal,
          ...(limiter && { limiter }),
          ...(input.logger && { logger: input.logger }),
          ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
          ...(run.spendGuard && { spendGuard: run.spendGuard }),
          emit,
          onCost: (live) => run.onCost(id(VERIFICATION_ID), live),
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
