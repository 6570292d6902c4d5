// Posts a run's findings on its pull request as one review, reusing what earlier runs posted: comments are
// ours when they carry our marker and were written by the account this token acts as (a bot for
// GITHUB_TOKEN and GitHub Apps), so a comment someone else wrote with a copied marker is never edited.
import {
  isOurReview,
  planPullRequestReview,
  patchHunks,
  repositoryPath,
  reviewBody,
  SUPERSEDED_BODY,
  type Finding,
  type PatchHunk,
  type PullRequestPlan,
} from '../../review';
import { GithubApi, GithubApiError, type NewReviewComment, type PullRequestInfo } from './githubApi';
import type { PullRequestTarget } from './pullRequestTarget';

export interface GithubReviewInput {
  findings: readonly Finding[];
  /** The reviewed folder relative to the repository root ('' at the top). */
  folder: string;
  /** Hidden findings, failures, left-out files, cost: shown in the review body. */
  notes: readonly string[];
}

export interface GithubReviewOutcome {
  reviewId?: number;
  created: number;
  edited: number;
  resolved: number;
  unchanged: number;
  /** Findings on no changed line, listed in the review body. */
  elsewhere: number;
}

/** A pull request that was found and can be read, before anything is paid for. */
export interface OpenPullRequest {
  api: GithubApi;
  info: PullRequestInfo;
}

export async function openPullRequest(
  target: PullRequestTarget,
  userAgent: string,
  signal?: AbortSignal,
): Promise<OpenPullRequest> {
  const api = new GithubApi(target, userAgent, signal);
  return { api, info: await api.pullRequest() };
}

const authoredBy =
  (login: string | undefined) =>
  (x: { user: { login: string; type: string } | null }): boolean =>
    !!x.user && (login ? x.user.login === login : x.user.type === 'Bot');

function headline(findings: number, plan: PullRequestPlan): string {
  if (!findings) return '**No findings** on this pull request.';
  const inline = findings - plan.elsewhere.length;
  return `**${findings} finding${findings === 1 ? '' : 's'}**: ${inline} on changed lines (inline comments), ${plan.elsewhere.length} elsewhere (below).`;
}

export async function publishGithubReview(pr: OpenPullRequest, input: GithubReviewInput): Promise<GithubReviewOutcome> {
  const { api, info } = pr;
  const [files, comments, reviews, login] = await Promise.all([
    api.files(),
    api.comments(),
    api.reviews(),
    api.login(),
  ]);
  const mine = authoredBy(login);
  const hunks = new Map<string, PatchHunk[]>(files.flatMap((f) => (f.patch ? [[f.path, patchHunks(f.patch)]] : [])));
  const pathOf = (f: Finding): string => repositoryPath(f.file, input.folder);
  const plan = planPullRequestReview({
    findings: input.findings,
    pathOf,
    hunks,
    headSha: info.headSha,
    ours: comments
      .filter(mine)
      .map((c) => ({ id: c.id, path: c.path, line: c.line, startLine: c.start_line ?? null, body: c.body })),
  });
  const ourReviews = reviews.filter((r) => mine(r) && isOurReview(r.body));
  const bodyFor = (elsewhere: readonly Finding[]): string =>
    reviewBody({
      headline: headline(input.findings.length, { ...plan, elsewhere: [...elsewhere] }),
      elsewhere,
      pathOf,
      notes: input.notes,
    });

  let reviewId: number | undefined;
  let created = plan.create.length;
  if (plan.create.length || !ourReviews.length) {
    const inline: NewReviewComment[] = plan.create.map((c) => ({
      path: c.path,
      line: c.line,
      side: 'RIGHT',
      ...(c.startLine !== undefined && { start_line: c.startLine, start_side: 'RIGHT' as const }),
      body: c.body,
    }));
    try {
      reviewId = await api.createReview(info.headSha, bodyFor(plan.elsewhere), inline);
    } catch (err) {
      // 422: GitHub would not place a comment (the diff moved under us): post them in the body instead.
      if (!(err instanceof GithubApiError && err.status === 422 && inline.length)) throw err;
      const moved = input.findings.filter((f) => plan.create.some((c) => c.findingId === f.id));
      reviewId = await api.createReview(info.headSha, bodyFor([...plan.elsewhere, ...moved]), []);
      created = 0;
    }
    for (const old of ourReviews) if (old.body !== SUPERSEDED_BODY) await api.updateReview(old.id, SUPERSEDED_BODY);
  } else {
    const latest = ourReviews.at(-1)!;
    const body = bodyFor(plan.elsewhere);
    if (latest.body !== body) await api.updateReview(latest.id, body);
    reviewId = latest.id;
  }
  for (const e of [...plan.edit, ...plan.resolve]) await api.editComment(e.commentId, e.body);
  return {
    ...(reviewId !== undefined && { reviewId }),
    created,
    edited: plan.edit.length,
    resolved: plan.resolve.length,
    unchanged: plan.unchanged,
    elsewhere: plan.elsewhere.length,
  };
}
