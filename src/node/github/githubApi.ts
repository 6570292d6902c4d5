// The few GitHub REST calls a pull-request review needs, through Octokit (its request layer, error type
// and pagination), with the token and API URL of a PullRequestTarget. Every failure becomes a
// GithubApiError carrying the HTTP status, so callers can tell "not allowed" (403) from the rest.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import type { PullRequestTarget } from './pullRequestTarget';

const Client = Octokit.plugin(paginateRest);
type Client = InstanceType<typeof Client>;

export class GithubApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

export interface PullRequestInfo {
  headSha: string;
  /** The head is another repository (a fork): GitHub gives such runs a read-only token. */
  fromFork: boolean;
}

export interface ChangedFile {
  path: string;
  /** Absent for binary files and very large diffs. */
  patch?: string;
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number | null;
  start_line?: number | null;
  body: string;
  user: { login: string; type: string } | null;
}

export interface Review {
  id: number;
  body: string | null;
  user: { login: string; type: string } | null;
}

export interface NewReviewComment {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const message = (err as Error).message.split('\n')[0] ?? String(err);
    throw new GithubApiError(
      `GitHub ${what}: ${typeof status === 'number' ? `${status} ` : ''}${message}`,
      typeof status === 'number' ? status : undefined,
    );
  }
}

export class GithubApi {
  private readonly client: Client;
  private readonly at: { owner: string; repo: string; pull_number: number };

  constructor(target: PullRequestTarget, userAgent: string, signal?: AbortSignal) {
    this.client = new Client({
      auth: target.token,
      baseUrl: target.apiUrl,
      userAgent,
      ...(signal && { request: { signal } }),
    });
    this.at = { owner: target.owner, repo: target.repo, pull_number: target.number };
  }

  async pullRequest(): Promise<PullRequestInfo> {
    const { data } = await call('reading the pull request', () =>
      this.client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', this.at),
    );
    return { headSha: data.head.sha, fromFork: data.head.repo?.full_name !== data.base.repo.full_name };
  }

  /** The account the token acts as, when the API says (a GitHub App's installation token cannot ask). */
  async login(): Promise<string | undefined> {
    return this.client
      .request('GET /user')
      .then((r) => r.data.login)
      .catch(() => undefined);
  }

  async files(): Promise<ChangedFile[]> {
    const files = await call('listing the changed files', () =>
      this.client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...this.at, per_page: 100 }),
    );
    return files.map((f) => ({ path: f.filename, ...(f.patch !== undefined && { patch: f.patch }) }));
  }

  async comments(): Promise<ReviewComment[]> {
    return call('listing review comments', () =>
      this.client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { ...this.at, per_page: 100 }),
    ) as Promise<ReviewComment[]>;
  }

  async reviews(): Promise<Review[]> {
    return call('listing reviews', () =>
      this.client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...this.at, per_page: 100 }),
    ) as Promise<Review[]>;
  }

  async createReview(commitId: string, body: string, comments: readonly NewReviewComment[]): Promise<number> {
    const { data } = await call('posting the review', () =>
      this.client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...this.at,
        commit_id: commitId,
        event: 'COMMENT',
        body,
        comments: [...comments],
      }),
    );
    return Number(data.id);
  }

  async updateReview(reviewId: number, body: string): Promise<void> {
    await call('updating the review', () =>
      this.client.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', {
        ...this.at,
        review_id: reviewId,
        body,
      }),
    );
  }

  async editComment(commentId: number, body: string): Promise<void> {
    await call('editing a review comment', () =>
      this.client.request('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}', {
        owner: this.at.owner,
        repo: this.at.repo,
        comment_id: commentId,
        body,
      }),
    );
  }
}
