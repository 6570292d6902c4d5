// Starts a review of a resolved target: a new session, the pipeline run with the editor's adapters
// (the workspace file system, the expert catalog, SecretStorage, the open findings as the previous
// review and the dismissals), every event applied to the session, then how it ended said once.
import { redact } from '../../core';
import { runReviewPipeline, type ReviewListener, type ReviewPipelineResult } from '../../review';
import { confirmCost } from '../budget/confirmCost';
import { readSettings } from '../config';
import { connect } from '../connection';
import { chooseExperts } from './expertCatalog';
import { showExpertsLeft } from './expertCommands';
import { fileSourceOf, reviewSettingsOf } from './pipelineInput';
import { explainStop, notifyOutcome } from './reviewNotices';
import type { ReviewParts } from './reviewParts';
import type { ReviewSnapshot } from './reviewSnapshot';
import type { ResolvedTarget } from './reviewTargets';

/** What a caller other than the review commands (the editor's chat, a language-model tool) adds to a review. */
export interface ReviewRunOptions {
  /** Receives every pipeline event after the editor's session has. */
  onEvent?: ReviewListener;
  /** Aborts the review as the panel's Cancel does. */
  signal?: AbortSignal;
  /** Only the experts with these ids or names, instead of the workspace's remembered choice. */
  experts?: readonly string[];
}

export interface ReviewRun {
  result: ReviewPipelineResult;
  snapshot?: ReviewSnapshot;
}

export async function startReview(
  parts: ReviewParts,
  resolved: ResolvedTarget,
  options: ReviewRunOptions = {},
): Promise<ReviewRun> {
  const { services, findings, sessions } = parts;
  const settings = readSettings();
  const abort = new AbortController();
  const outer = options.signal;
  if (outer?.aborted) abort.abort();
  const onOuterAbort = () => abort.abort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const root = resolved.root.toString();
  const session = sessions.create(root, resolved.title);
  const controls = session.begin(abort);
  const known = () => services.keys.known();
  try {
    const result = await runReviewPipeline({
      target: resolved.target,
      title: resolved.title,
      files: await fileSourceOf(resolved),
      experts: { load: () => chooseExperts(services.context.workspaceState, settings, options.experts) },
      access: () => connect(services.keys, settings),
      settings: reviewSettingsOf(settings),
      warmPrefixes: sessions.warmPrefixes,
      spend: parts.spend,
      confirmCost,
      controls,
      dismissed: findings,
      // What is open in the reviewed files is what a re-review is compared with.
      previous: { findings: ({ files }) => Promise.resolve(findings.previousFor(root, files)) },
      limiter: sessions.sharedLimiter(settings.maxConcurrency),
      signal: abort.signal,
      logger: services.logger,
      // The session has put the record into the snapshot that history keeps.
      store: { save: () => parts.history.flush() },
      onEvent: (event) => {
        session.apply(event);
        options.onEvent?.(event);
      },
    });
    if (result.kind === 'stopped') {
      await explainStop(result.reason, result.message);
      return { result };
    }
    for (const code of result.reviewedCode) services.reviewedCode?.remember(code);
    session.more = result.review;
    await showExpertsLeft(parts, session).catch((err) => services.logger.warn(`Add expert: ${String(err)}`));
    notifyOutcome(result.outcome, (text) => redact(text, known()));
    return session.snapshot ? { result, snapshot: session.snapshot } : { result };
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    session.end();
    sessions.settled();
  }
}
