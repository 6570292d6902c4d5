// The review, from right-click to HTTP and back, in one place. Every shell runs this one pipeline
// and supplies only its ports (ports.ts); none has orchestration of its own.
//
//   Right-click → "Multi-expert review" (package.json menus) → extension/extension.ts registers the
//   command and loads extension/review/reviewController.ts, which resolves what was picked (a
//   selection, files, folders, the uncommitted diff) and starts a review (startReview.ts) with its
//   adapters: vscode.workspace.fs as FileSource, the catalog and remembered choice as
//   ExpertProvider, SecretStorage as ApiAccess, a review session as the listener, the open findings
//   as PreviousReview and DismissedFindings, workspace state as ReviewStore. src/node/nodeReview.ts
//   does the same with node:fs, the built-in experts, a given key, any listener and any store.
//
//   1. choose experts   ExpertProvider.load(); none chosen → stopped
//   2. connect          ApiAccess(); no key → stopped, before anything is read
//   3. gather           gatherContext (`gathering` events; cancellable): ignore rules and the content policy (secrets, binaries,
//                       generated files) and the token budget → one cacheable system block, plus
//                       what was left out and why; over the budget, up to maxContextGroups groups that
//                       each fit (gatherGroups.ts), each its own block, run side by side (groupRuns.ts)
//   3b. project rules   CLAUDE.md, AGENTS.md, REVIEW.md, Copilot's and Cursor's rules for those files
//                       (src/review/rules; none in an untrusted workspace; a diff's from its base, see
//                       projectRules.ts), through the same policy, under their own budget → a block
//                       before the code with its own breakpoint
//   3c. shared block    rules and code as one SharedBlock (src/review/sharedBlock.ts), built once:
//                       what every request below sends, its tokens and the listing as data
//   4. estimate, plan   count_tokens on the block and each prompt (estimate.ts), one cache write per
//                       model, a price range; above a spending cap (budget.ts) ask first; `planned`
//   5. fan out          cappedFanOut.ts → fanOutExperts → core invokeParallel: the first expert alone,
//                       the others the moment its stream starts, so they read the cache it wrote;
//                       each is one HTTP request whose server-sent events come back as `status`,
//                       `text` and `cost` events, straight to the listener
//   6. parse, place     each expert's JSON → findings checked against the gathered files and lines
//   7. synthesise       one request over the same cached block: the judge merges duplicates, counts
//                       agreement and re-scores confidence (else a local merge)
//   7b. verify          optional (settings.verify, verifyStep.ts): a verifier per finding that would be
//                       shown, over the same cached block, confirms or refutes it
//   8. record           findings the rules hide (dismissed, low confidence, refuted, outside the changed
//                       lines) kept apart; against the PreviousReview of the same target, which are still
//                       open and which are gone (fixed), by fingerprint; `finished` (findings to Problems
//                       and comment threads, cost to the status bar), then ReviewStore.save(record);
//                       the result's FinishedReview can run more experts over the same block(s) later
//
//   And back: every event goes to the shell's listener. The editor's is a review session
//   (extension/review/reviewSession.ts): text and statuses into its panel, which batches them
//   (extension/webview/updateBatcher.ts) for the webview (webview/lib/sectionedRun.ts), finished
//   experts counted in the progress notification, whose Cancel aborts `signal` and with it every
//   open stream; the record's findings into the workspace's open findings, which Problems and the
//   comment threads show.
import type { LimitFunction, Logger, WarmPrefixes } from '../../core';
import {
  leftOutLogText,
  NothingToReviewError,
  type ExcludedFile,
  type GatheredContext,
  type ReviewTarget,
} from '../context';
import { summariseRules, type ProjectRules } from '../rules';
import type { Finding, VisibilityRules } from '../findings';
import { resolveModelAlias } from '../experts';
import type { ReviewOutcome } from '../fanOut';
import { sharedBlock } from '../sharedBlock';
import { VERIFICATION_ID } from '../verify';
import { reviewedCodeOf, type ReviewedCode } from './reviewedCode';
import type { SpendLedger } from './budget';
import { cappedFanOut, type CappedScope } from './cappedFanOut';
import { estimateGroups, formatEstimate, type ReviewEstimate } from './estimate';
import { gatherGroups, wholeOf } from './gatherGroups';
import { groupSections, runGroups } from './groupRuns';
import type { ExpertControls } from './expertControls';
import { FinishedReview } from './finishedReview';
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
import { readProjectRules } from './projectRules';
import type { ReviewEvent } from './reviewEvents';
import { verifyStep } from './verifyStep';
import {
  describeTargets,
  isComplete,
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
  | {
      kind: 'finished';
      record: ReviewRecord;
      outcome: ReviewOutcome;
      /** The review, which can take more experts over its cached block (retry, add): a shell keeps this. */
      review: FinishedReview;
      /** The cached prefix of each block that held one file, for a follow-up chat about that file to read. */
      reviewedCode: ReviewedCode[];
    }
  /** `excluded`: for nothingToReview, what was left out and why (a lock file, binaries, deletions …). */
  | { kind: 'stopped'; reason: ReviewStopReason; message: string; excluded?: ExcludedFile[] };

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

  // 3. gather (the one place a review reads code), in context groups when it is over the budget
  let context: GatheredContext;
  let groups: GatheredContext[];
  emit({ type: 'gathering', progress: { filesFound: 0, filesRead: 0 } });
  try {
    const gathered = await gatherGroups(
      {
        fs: input.files.fs,
        workspaceRoot: input.files.root,
        target: input.target,
        budgetTokens: settings.contextTokenBudget,
        filesExclude: input.files.filesExclude ?? [],
        extraExclude: settings.exclude,
        ...(input.files.globalExcludes && { globalExcludes: input.files.globalExcludes }),
        ...(signal && { signal }),
        onProgress: (progress) => emit({ type: 'gathering', progress }),
      },
      settings.maxContextGroups ?? 1,
    );
    groups = gathered.groups;
    context = wholeOf(gathered);
  } catch (err) {
    if (signal?.aborted) return stopped('cancelled', 'Review cancelled before anything was sent.');
    if (err instanceof NothingToReviewError)
      return { kind: 'stopped', reason: 'nothingToReview', message: err.message, excluded: err.excluded };
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
    rules = await readProjectRules(
      input.files,
      settings,
      context.files.map((f) => f.path),
      { target: input.target, ...(signal && { signal }) },
    );
  } catch (err) {
    if (signal?.aborted) return stopped('cancelled', 'Review cancelled before anything was sent.');
    return stopped(
      'unreadable',
      `Could not read the project's rules files: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  for (const r of rules.leftOut) logger?.info(`Rules file ${r.path} left out: ${r.detail}.`);

  // 3c. the shared block every request sends, built once (one per context group: each its own cached prefix)
  const blocks = groups.map((group) => sharedBlock(group, rules.systemText));
  // The review as a whole (its files, listing and changed lines: findings are placed against it); with
  // groups, experts added later (FinishedReview) run over every group's own block, as this run does.
  const block = blocks.length === 1 ? blocks[0]! : sharedBlock(context, rules.systemText);

  // 4. estimate and plan (every group's block is counted; each is written to the cache once)
  const verifyMode = settings.verify ?? 'off';
  const synthesis = settings.synthesis && experts.length > 1;
  const estimate = await estimateGroups(blocks, {
    client,
    experts,
    model: settings.model,
    maxTokens: settings.maxTokens,
    synthesis,
    verify: verifyMode,
    ...(settings.passes && { passes: settings.passes }),
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
    sections: groupSections(experts, settings, groups.length),
    excluded: context.excluded,
    leftOut: leftOutOf(context),
    experts,
    rules: summariseRules(rules),
    estimate: {
      contextTokens: estimate.sharedTokens || block.tokens,
      requests: estimate.requests,
      lowUsd: estimate.lowUsd,
      highUsd: estimate.highUsd,
      inputUsd: estimate.inputUsd,
      cacheWrites: estimate.cacheWrites,
      summary: formatEstimate(estimate),
      ...(groups.length > 1 && { groups: groups.length }),
    },
    startedAt: new Date().toISOString(),
  };
  logger?.info(
    `${plan.title}: ${plan.estimate.summary ?? ''} (${estimate.requests} requests, ${estimate.cacheWrites} cache write(s), tokens counted ${estimate.counted === 'api' ? 'by the API' : 'locally'}).`,
  );

  // Findings the rules hide (confidence, changed lines, dismissals) are kept apart in the record.
  const visibility: VisibilityRules = {
    ...(settings.minConfidence !== undefined && { minConfidence: settings.minConfidence }),
    ...(settings.changedLinesOnly !== false && block.changedLines && { changedLines: block.changedLines }),
    ...(input.dismissed && { dismissed: await input.dismissed.ids() }),
  };

  // 5–7b. under the spending caps: fan out, parse and place, synthesise, verify (every context group
  // under one run: one limiter, signal, cap and total)
  const ran = await cappedFanOut({
    ...(blocks.length === 1
      ? {
          block,
          // Only findings the review would show are verified, under the same limiter, signal and caps.
          ...(verifyMode !== 'off' && {
            then: (outcome: ReviewOutcome, run: CappedScope) =>
              verifyStep({
                mode: verifyMode,
                outcome,
                visibility,
                system: block.system,
                client,
                settings,
                signal: run.signal,
                ...(input.limiter && { limiter: input.limiter }),
                ...(logger && { logger }),
                ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
                ...(run.spendGuard && { spendGuard: run.spendGuard }),
                emit,
                onCost: (live) => run.onCost(VERIFICATION_ID, live),
              }),
          }),
        }
      : {
          fanOut: (run: CappedScope) =>
            runGroups({
              blocks,
              experts,
              client,
              settings,
              run,
              ...(input.limiter && { limiter: input.limiter }),
              ...(logger && { logger }),
              ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
              ...(input.controls && { controls: input.controls }),
              visibility,
              emit,
            }),
        }),
    experts,
    client,
    settings,
    synthesis: settings.synthesis,
    emit,
    estimate,
    ...(input.confirmCost && { confirmCost: input.confirmCost }),
    starting: () => emit({ type: 'planned', plan }),
    ...(input.spend && { spend: input.spend }),
    ...(signal && { signal }),
    ...(input.limiter && { limiter: input.limiter }),
    ...(logger && { logger }),
    ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
    ...(input.controls && { controls: input.controls }),
  });
  if (ran.kind === 'stopped')
    return ran.reason === 'cancelled'
      ? stopped('cancelled', 'Review cancelled before anything was sent.')
      : stopped('overBudget', ran.message);
  const { outcome } = ran;

  // 8. record the outcome and its cost; findings the rules hide (confidence, refuted, changed lines, dismissals) are kept apart
  const visible = toRecord(plan, outcome, visibility);
  const before = await previousFindings(input, plan);
  // Only a complete review of a finding's code can say it is gone (fixed).
  const record = before
    ? withReReview(visible, before, { complete: isComplete(outcome), covered: block.files })
    : visible;
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
  // A follow-up chat about a file reads the block that held that file alone (a one-file review, or a
  // context group of one file), byte-identical, so its first turn reads that block's cache.
  const reviewedCode = blocks.flatMap((groupBlock) => reviewedCodeOf(groupBlock, models) ?? []);
  const review = new FinishedReview({
    block,
    blocks,
    client,
    outcome,
    record,
    experts,
    ...(before && { before }),
    ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
  });
  return {
    kind: 'finished',
    record,
    outcome,
    review,
    reviewedCode,
  };
}

/** The previous review's findings; a store that cannot answer only costs the re-review status. */
async function previousFindings(input: ReviewPipelineInput, plan: ReviewPlan): Promise<readonly Finding[] | undefined> {
  try {
    return await input.previous?.findings({ title: plan.title, root: plan.root, files: plan.reviewedFiles });
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
