// The review, from right-click to HTTP and back, in one place. Every shell runs this one pipeline
// and supplies only its ports (ports.ts); none has orchestration of its own.
//
//   Right-click → "Multi-expert review" (package.json menus) → extension/extension.ts registers the
//   command and loads extension/review/reviewController.ts, which resolves what was picked (a
//   selection, files, folders, the uncommitted diff) and calls runReviewPipeline with its adapters:
//   vscode.workspace.fs as FileSource, the catalog and remembered choice as ExpertProvider,
//   SecretStorage as ApiAccess, the panel, progress, output channels and Problems as the listener,
//   workspace state as ReviewStore. src/node/nodeReview.ts does the same with node:fs, the built-in
//   experts, a given key, any listener and any store.
//
//   1. choose experts   ExpertProvider.load(); none chosen → stopped
//   2. connect          ApiAccess(); no key → stopped, before anything is read
//   3. gather           gatherContext (`gathering` events; cancellable): ignore rules and the content policy (secrets, binaries,
//                       generated files) and the token budget → one cacheable system block, plus
//                       what was left out and why
//   3b. project rules   CLAUDE.md, AGENTS.md, REVIEW.md, Copilot's and Cursor's rules for those files
//                       (src/review/rules; none in an untrusted workspace; a diff's from its base, see
//                       projectRules.ts), through the same policy, under their own budget → a block
//                       before the code with its own breakpoint
//   4. estimate, plan   count_tokens on the block and each prompt (estimate.ts), one cache write per
//                       model, a price range; above a spending cap (budget.ts) ask first; `planned`
//   5. fan out          runReview → core invokeParallel: the first expert alone, the others the moment
//                       its stream starts, so they read the cache it wrote; each is core/stream.ts,
//                       one HTTP request whose server-sent events come back here as `status` and
//                       `text` events
//   6. parse, place     each expert's JSON → findings checked against the gathered files and lines
//   7. synthesise       one request over the same cached block: the judge merges duplicates, counts
//                       agreement and re-scores confidence (else a local merge)
//   7b. verify          optional (settings.verify, verifyStep.ts): a verifier per finding that would be
//                       shown, over the same cached block, confirms or refutes it
//   8. record           findings the rules hide (dismissed, low confidence, refuted, outside the changed
//                       lines) kept apart; against the PreviousReview of the same target, which are still
//                       open and which are gone (fixed), by fingerprint; `finished` (findings to Problems
//                       and comment threads, cost to the status bar), then ReviewStore.save(record)
//
//   And back: every event goes to the shell's listener. The editor's puts text and statuses into
//   extension/review/reviewPanel.ts, which batches them (extension/webview/updateBatcher.ts) for the
//   webview (webview/lib/sectionedRun.ts), and counts finished experts in the progress notification,
//   whose Cancel aborts `signal` and with it every open stream.
import type Anthropic from '@anthropic-ai/sdk';
import { estimateTokens, type ClientConfig, type LimitFunction, type Logger, type WarmPrefixes } from '../../core';
import {
  gatherContext,
  leftOutLogText,
  NothingToReviewError,
  type GatheredContext,
  type ReviewTarget,
} from '../context';
import { summariseRules, type ProjectRules } from '../rules';
import { readProjectRules } from './projectRules';
import type { Finding, VisibilityRules } from '../findings';
import type { LiveCost } from '../liveCost';
import { resolveModelAlias } from '../experts';
import { reviewSystem, runReview, SYNTHESIS_ID, type ReviewOutcome } from '../runReview';
import { VERIFICATION_ID } from '../verify';
import { reviewedCodeOf, type ReviewedCode } from './reviewedCode';
import { CappedRun, overCapBefore, type SpendLedger } from './budget';
import { estimateReview, formatEstimate, type ReviewEstimate } from './estimate';
import type { ExpertControls } from './expertControls';
import type {
  ApiAccess,
  DismissedFindings,
  ExpertProvider,
  FileSource,
  PreviousReview,
  ReviewListener,
  ReviewSettings,
  ReviewStore,
} from './ports';
import type { ReviewEvent } from './reviewEvents';
import { verifyStep } from './verifyStep';
import {
  describeTargets,
  leftOutOf,
  newReviewId,
  toRecord,
  withReReview,
  type ReviewPlan,
  type ReviewRecord,
} from './reviewRecord';

export interface ReviewPipelineInput {
  target: ReviewTarget;
  /** What was picked, in words: "src/app.ts", "Uncommitted changes". */
  title: string;
  files: FileSource;
  experts: ExpertProvider;
  access: ApiAccess;
  settings: ReviewSettings;
  onEvent: ReviewListener;
  store: ReviewStore;
  signal?: AbortSignal;
  /** Shared with other reviews so that all of them together respect one concurrency. */
  limiter?: LimitFunction;
  logger?: Logger;
  /** Prefixes known to be warm, kept by the shell for the session (second reviews fan out at once). */
  warmPrefixes?: WarmPrefixes;
  /** Today's spend, for the daily cap; what the run costs is added to it at the end. */
  spend?: SpendLedger;
  /** Asked when the estimate passes a cap; without it such a run does not start. */
  confirmCost?: (estimate: ReviewEstimate, reason: string) => Promise<boolean>;
  /** Lets the shell stop one expert alone. */
  controls?: ExpertControls;
  /** Findings the user dismissed in this workspace; they stay hidden in this review. */
  dismissed?: DismissedFindings;
  /** The last review of the same target, if any: findings are then marked new or still open, and the fixed ones listed. */
  previous?: PreviousReview;
}

/** Why a review ended before any request, with a sentence for the user. */
export type ReviewStopReason =
  'noExperts' | 'noApiAccess' | 'nothingToReview' | 'unreadable' | 'cancelled' | 'overBudget';

export type ReviewPipelineResult =
  /** `context` and `client` let a shell retry or add experts over the same cached block (runMoreExperts). */
  | {
      kind: 'finished';
      record: ReviewRecord;
      outcome: ReviewOutcome;
      context: GatheredContext;
      rulesText: string;
      client: Anthropic | ClientConfig;
      /** The cached prefix of a one-file review, for a follow-up chat about that file to read. */
      reviewedCode?: ReviewedCode;
    }
  | { kind: 'stopped'; reason: ReviewStopReason; message: string };

export async function runReviewPipeline(input: ReviewPipelineInput): Promise<ReviewPipelineResult> {
  const { settings, signal, logger } = input;
  const emit = safeListener(input.onEvent, logger);
  const stopped = (reason: ReviewStopReason, message: string): ReviewPipelineResult => ({
    kind: 'stopped',
    reason,
    message,
  });

  // 1. choose experts
  const { experts, problems } = await input.experts.load();
  if (problems.length) {
    for (const p of problems) logger?.warn(`Expert definition ${p.source}: ${p.reason}`);
    emit({ type: 'expertProblems', problems });
  }
  if (!experts.length) return stopped('noExperts', 'No experts are selected for this workspace.');

  // 2. connect
  const client = await input.access();
  if (!client) return stopped('noApiAccess', 'No API key was given, so nothing was sent.');

  // 3. gather (the one place a review reads code)
  let context: GatheredContext;
  emit({ type: 'gathering', progress: { filesFound: 0, filesRead: 0 } });
  try {
    context = await gatherContext({
      fs: input.files.fs,
      workspaceRoot: input.files.root,
      target: input.target,
      budgetTokens: settings.contextTokenBudget,
      filesExclude: input.files.filesExclude ?? [],
      extraExclude: settings.exclude,
      ...(input.files.globalExcludes && { globalExcludes: input.files.globalExcludes }),
      ...(signal && { signal }),
      onProgress: (progress) => emit({ type: 'gathering', progress }),
    });
  } catch (err) {
    if (signal?.aborted) return stopped('cancelled', 'Review cancelled before anything was sent.');
    if (err instanceof NothingToReviewError) return stopped('nothingToReview', err.message);
    return stopped(
      'unreadable',
      `Could not read the code to review: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  // The full list is logged once, here; a stored review keeps only counts and the first paths.
  if (context.excluded.length) logger?.info(leftOutLogText(input.title, context.excluded));

  // 3b. the project's rules files for the gathered files, through the same file system and content policy
  let rules: ProjectRules;
  try {
    rules = await readProjectRules(input, context);
  } catch (err) {
    if (signal?.aborted) return stopped('cancelled', 'Review cancelled before anything was sent.');
    return stopped(
      'unreadable',
      `Could not read the project's rules files: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  for (const r of rules.leftOut) logger?.info(`Rules file ${r.path} left out: ${r.detail}.`);

  // 4. estimate and plan
  const verifyMode = settings.verify ?? 'off';
  const synthesis = settings.synthesis && experts.length > 1;
  const estimate = await estimateReview({
    client,
    // The rules block goes before the code in the same cached prefix; count them together.
    systemText: rules.systemText ? `${rules.systemText}\n${context.systemText}` : context.systemText,
    experts,
    model: settings.model,
    maxTokens: settings.maxTokens,
    synthesis,
    ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
    ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
    ...(settings.prices && { prices: settings.prices }),
    ...(signal && { signal }),
  });
  const plan: ReviewPlan = {
    reviewId: newReviewId(),
    title: `Review: ${input.title}`,
    root: input.files.root,
    targets: describeTargets(context),
    reviewedFiles: [...new Set(context.files.map((f) => f.path))],
    sections: [
      ...experts.map((e) => ({ id: e.id, title: e.name })),
      ...(settings.synthesis ? [{ id: SYNTHESIS_ID, title: 'Synthesis' }] : []),
      ...(verifyMode !== 'off' ? [{ id: VERIFICATION_ID, title: 'Verification' }] : []),
    ],
    excluded: context.excluded,
    leftOut: leftOutOf(context),
    experts,
    rules: summariseRules(rules),
    estimate: {
      contextTokens: estimate.sharedTokens || estimateTokens(context.systemText) + rules.tokens,
      requests: estimate.requests,
      lowUsd: estimate.lowUsd,
      highUsd: estimate.highUsd,
      inputUsd: estimate.inputUsd,
      cacheWrites: estimate.cacheWrites,
      summary: formatEstimate(estimate),
    },
    startedAt: new Date().toISOString(),
  };
  logger?.info(
    `${plan.title}: ${plan.estimate.summary ?? ''} (${estimate.requests} requests, ${estimate.cacheWrites} cache write(s), tokens counted ${estimate.counted === 'api' ? 'by the API' : 'locally'}).`,
  );
  const limits = settings.budget ?? { perRunUsd: 0, perDayUsd: 0 };
  const spentBefore = input.spend?.spentToday() ?? 0;
  const overCap = overCapBefore(estimate, limits, spentBefore);
  if (overCap && !(await input.confirmCost?.(estimate, overCap.message))) {
    return stopped('overBudget', `${overCap.message} Nothing was sent.`);
  }
  if (signal?.aborted) return stopped('cancelled', 'Review cancelled before anything was sent.');
  emit({ type: 'planned', plan });

  // A cap reached mid-run stops the run as Cancel does, with its own message.
  const run = new CappedRun(limits, spentBefore, signal, (cap, message) => {
    logger?.warn(message);
    emit({ type: 'capReached', cap, message });
  });
  const budget = run.budget;
  const savedBySection = new Map<string, number>();
  const onCost = (sectionId: string, live: LiveCost) => {
    savedBySection.set(sectionId, live.savedUsd ?? 0);
    const savedUsd = [...savedBySection.values()].reduce((a, b) => a + b, 0);
    budget.update(sectionId, live.usd);
    emit({ type: 'cost', sectionId, live, total: { usd: budget.total, savedUsd } });
  };

  // 5–7. fan out, parse and place, synthesise
  let outcome = await runReview({
    context,
    ...(rules.systemText && { rulesText: rules.systemText }),
    experts,
    client,
    model: settings.model,
    maxTokens: settings.maxTokens,
    maxWorkers: settings.maxConcurrency,
    strategy: settings.fanOutStrategy,
    synthesis: settings.synthesis,
    ...(input.limiter && { limiter: input.limiter }),
    signal: run.signal,
    ...(logger && { logger }),
    ...(settings.prices && { prices: settings.prices }),
    ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
    ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
    ...(input.controls && { expertSignals: input.controls.signalsFor(experts.map((e) => e.id)) }),
    events: {
      status: (sectionId, status, note) =>
        emit(note === undefined ? { type: 'status', sectionId, status } : { type: 'status', sectionId, status, note }),
      text: (sectionId, text) => emit({ type: 'text', sectionId, text }),
      cost: onCost,
    },
  });

  // Findings the rules hide (confidence, changed lines, dismissals) are kept apart in the record.
  const visibility: VisibilityRules = {
    ...(settings.minConfidence !== undefined && { minConfidence: settings.minConfidence }),
    ...(settings.changedLinesOnly !== false && context.changedLines && { changedLines: context.changedLines }),
    ...(input.dismissed && { dismissed: await input.dismissed.ids() }),
  };

  // 7b. verify: under the same limiter, signal and budget as the experts
  if (verifyMode !== 'off') {
    outcome = await verifyStep({
      mode: verifyMode,
      outcome,
      visibility,
      system: reviewSystem(context, rules.systemText || undefined),
      client,
      settings,
      signal: run.signal,
      ...(input.limiter && { limiter: input.limiter }),
      ...(logger && { logger }),
      ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
      emit,
      onCost: (live) => onCost(VERIFICATION_ID, live),
    });
  }
  run.end();
  const message = run.leadWithCap(outcome.message);
  if (message) outcome.message = message;
  try {
    await input.spend?.add(outcome.cost.usd ?? 0);
  } catch (err) {
    logger?.warn(`Today's spend could not be stored: ${err instanceof Error ? err.message : String(err)}`);
  }

  // 8. record the outcome and its cost; findings the rules hide (confidence, refuted, changed lines, dismissals) are kept apart
  const visible = toRecord(plan, outcome, visibility);
  const before = await previousFindings(input, plan);
  const record = before ? withReReview(visible, before) : visible;
  emit({ type: 'finished', record, outcome });
  try {
    await input.store.save(record);
  } catch (err) {
    logger?.warn(`The review could not be stored: ${err instanceof Error ? err.message : String(err)}`);
  }
  const models = [
    ...experts.map((e) => resolveModelAlias(e.model, settings.model)),
    ...(synthesis ? [settings.model] : []),
  ];
  const reviewedCode = reviewedCodeOf(context, rules.systemText, models);
  return {
    kind: 'finished',
    record,
    outcome,
    context,
    rulesText: rules.systemText,
    client,
    ...(reviewedCode && { reviewedCode }),
  };
}

/** The previous review's findings; a store that cannot answer only costs the re-review status. */
async function previousFindings(input: ReviewPipelineInput, plan: ReviewPlan): Promise<readonly Finding[] | undefined> {
  try {
    return await input.previous?.findings({ title: plan.title, root: plan.root });
  } catch (err) {
    input.logger?.warn(`The previous review could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** A listener that throws must not stop the review (or leave its requests open). */
function safeListener(listener: ReviewListener, logger: Logger | undefined): ReviewListener {
  return (event: ReviewEvent) => {
    try {
      listener(event);
    } catch (err) {
      logger?.error(`A review listener failed on "${event.type}": ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
