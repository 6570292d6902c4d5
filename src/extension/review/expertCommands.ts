// One expert at a time: stop it while its review runs, run it again once the review has finished
// (retry), or add experts that have not run on it. Retried and added experts read the review's
// cached code through the pipeline's FinishedReview, in the same session and panel.
import * as vscode from 'vscode';
import { redact } from '../../core';
import { expertOfLane, isExpertLane, type ExpertDefinition } from '../../review';
import { confirmCost } from '../budget/confirmCost';
import { readSettings } from '../config';
import { loadExperts } from './expertCatalog';
import { reviewSettingsOf } from './pipelineInput';
import { notifyOutcome } from './reviewNotices';
import type { ReviewParts } from './reviewParts';
import type { ReviewSession } from './reviewSession';

const LIVE = ['streaming', 'queued', 'waiting'];

/**
 * "Stop one expert…" (the palette, the editor chat's button): one expert of a running review, the
 * given one or one picked among those still streaming or queued; the others go on. True when stopped.
 */
export async function stopOneExpert(parts: ReviewParts, reviewId: unknown, sectionId: unknown): Promise<boolean> {
  const running = parts.sessions.running().filter((s) => s.snapshot);
  const session =
    typeof reviewId === 'string'
      ? parts.sessions.get(reviewId)
      : (running.find((s) => parts.sessions.panelOf(s)?.active) ?? running.at(-1));
  const s = session?.snapshot;
  if (!session?.running || !s) {
    void vscode.window.showInformationMessage('No review is running.');
    return false;
  }
  let id = typeof sectionId === 'string' ? sectionId : undefined;
  if (!id) {
    const live = s.sections.filter((x) => isExpertLane(x.id) && LIVE.includes(s.state[x.id]?.status ?? ''));
    if (!live.length) {
      void vscode.window.showInformationMessage('Every expert of this review has finished.');
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      live.map((x) => ({ label: x.title, description: s.state[x.id]?.status, id: x.id })),
      { title: `Stop one expert of ${s.title}`, placeHolder: 'The others go on; what it wrote so far is kept.' },
    );
    if (!picked) return false;
    id = picked.id;
  }
  return session.stopExpert(id);
}

/** Runs one failed or stopped expert again over the review's cached code. */
export async function retryExpert(parts: ReviewParts, session: ReviewSession, sectionId: string): Promise<void> {
  const id = expertOfLane(sectionId);
  const expert = session.more?.experts.find((e) => e.id === id);
  if (!expert) {
    void vscode.window.showInformationMessage(
      session.snapshot?.kind === 'sweep'
        ? 'A sweep\'s expert is not retried on its own: run "Sweep workspace (batch)…" again for a new sweep of the folder.'
        : 'An expert can be retried once its review has finished, in the same session.',
    );
    return;
  }
  await runMore(parts, session, [expert]);
}

/**
 * "Add an expert to this review": the review in the given or active panel (else the newest that can
 * still take one), a pick among the experts that have not run on it, then those experts over the
 * review's gathered code, which is still cached within its lifetime.
 */
export async function addExpert(parts: ReviewParts, reviewId?: string, from?: ReviewSession): Promise<void> {
  const canTake = (s: ReviewSession) => parts.sessions.panelOf(s)?.visible === true && s.more !== undefined;
  const shown = parts.sessions.withPanels();
  const session =
    from ??
    (reviewId ? parts.sessions.get(reviewId) : undefined) ??
    shown.find((s) => parts.sessions.panelOf(s)?.active && canTake(s)) ??
    [...shown].reverse().find(canTake);
  const review = session?.more;
  if (!session || !review) {
    void vscode.window.showInformationMessage(
      session?.snapshot?.kind === 'sweep'
        ? 'A sweep takes no more experts: choose them when you start "Sweep workspace (batch)…".'
        : 'Experts can be added to a review once it has finished, in the same session. Run a review first.',
    );
    return;
  }
  if (review.busy || session.running) {
    void vscode.window.showInformationMessage(
      'Experts are still running on this review; add more when they have finished.',
    );
    return;
  }
  const candidates = await expertsNotRun(review);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(
      'Every expert has already run on this review. Add your own in the claudeMultiAgent.experts setting or in .claude/agents/.',
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((e) => ({
      label: e.name,
      description: typeof e.source === 'string' ? e.source : e.source.file,
      detail: e.description,
      expert: e,
    })),
    {
      title: `Add experts to ${session.snapshot?.title ?? session.title} (they read the cached code)`,
      canPickMany: true,
      placeHolder: 'Experts that have not run on this review',
    },
  );
  if (picked?.length)
    await runMore(
      parts,
      session,
      picked.map((p) => p.expert),
    );
}

/** The catalog's experts that have not run on a finished review. */
async function expertsNotRun(review: NonNullable<ReviewSession['more']>): Promise<ExpertDefinition[]> {
  const ran = new Set(review.experts.map((e) => e.id));
  return (await loadExperts(readSettings())).all.filter((e) => !ran.has(e.id));
}

/** Tells the session's panel how many experts could still be added, so "Add expert…" shows only when some can. */
export async function showExpertsLeft(parts: ReviewParts, session: ReviewSession): Promise<void> {
  const review = session.more;
  if (!review) return;
  const left = (await expertsNotRun(review)).length;
  parts.sessions.panelOf(session)?.showExpertsLeft(left);
}

/**
 * Retried or added experts in the review's session: same panel, under the spending caps, with a
 * progress notification whose Cancel stops them; their findings merge into the review's.
 */
async function runMore(parts: ReviewParts, session: ReviewSession, experts: ExpertDefinition[]): Promise<void> {
  const review = session.more;
  if (!review || review.busy || session.running) return;
  const settings = readSettings();
  const abort = new AbortController();
  const controls = session.begin(abort);
  try {
    const result = await review.addExperts(experts, {
      settings: reviewSettingsOf(settings),
      onEvent: (event) => session.apply(event),
      signal: abort.signal,
      controls,
      limiter: parts.sessions.sharedLimiter(settings.maxConcurrency),
      logger: parts.services.logger,
      spend: parts.spend,
      confirmCost,
      dismissed: parts.findings,
    });
    if (result.kind === 'stopped') {
      if (result.reason === 'overBudget') void vscode.window.showInformationMessage(result.message);
      return;
    }
    notifyOutcome(result.outcome, (text) => redact(text, parts.services.keys.known()));
  } finally {
    session.end();
    await showExpertsLeft(parts, session).catch((err) => parts.services.logger.warn(`Add expert: ${String(err)}`));
  }
}
