// A local fake of the GitHub REST API on 127.0.0.1, for the CLI's pull-request reviews: the endpoints it
// uses (a pull request, its files, reviews and review comments; GET /user), token authentication,
// validation as GitHub does it (a comment only on a line of the diff, 422 otherwise; a multi-line
// comment within one hunk; writes refused with 403 for a read-only token; only an author edits a
// comment), Link-header pagination, and a log of every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hunkOf, pullKey, type FakeAccount, type FakeComment, type FakePull, type FakeReview } from './state';

export type { FakeAccount, FakeComment, FakeFile, FakePull, FakeReview } from './state';

export interface FakeGithubRequest {
  method: string;
  path: string;
  body?: unknown;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class FakeGithub {
  readonly log: FakeGithubRequest[] = [];
  readonly reviews: FakeReview[] = [];
  readonly comments: FakeComment[] = [];
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly pulls = new Map<string, FakePull>();
  private nextId = 1000;
  private port = 0;
  /** Items per page at most (GitHub: 100), small in tests to exercise pagination. */
  pageSize = 100;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeGithub> {
    const server = createServer();
    const fake = new FakeGithub(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  addToken(token: string, account: FakeAccount): void {
    this.accounts.set(token, account);
  }

  /** Opens or updates a pull request; comments whose line left the diff become outdated (line null). */
  setPull(pull: FakePull): void {
    const key = pullKey(pull.owner, pull.repo, pull.number);
    this.pulls.set(key, pull);
    for (const c of this.comments.filter((c) => c.pull === key && c.line !== null))
      if (!hunkOf(pull, c.path, c.line!)) c.line = null;
  }

  reset(): void {
    this.log.length = 0;
    this.reviews.length = 0;
    this.comments.length = 0;
    this.pulls.clear();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    this.log.push({ method: req.method ?? '', path: url.pathname, ...(body && { body }) });
    try {
      const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const account = token ? this.accounts.get(token) : undefined;
      if (!account) throw new HttpError(401, 'Bad credentials');
      const result = this.route(req.method ?? 'GET', url, body ?? {}, account);
      this.send(res, result.status ?? 200, result.data, result.link);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      this.send(res, status, { message: (err as Error).message, documentation_url: 'https://docs.github.com/rest' });
    }
  }

  private send(res: ServerResponse, status: number, data: unknown, link?: string): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(link && { link }) });
    res.end(JSON.stringify(data));
  }

  private pullAt(owner: string, repo: string, number: string): FakePull {
    const pull = this.pulls.get(pullKey(owner, repo, Number(number)));
    if (!pull) throw new HttpError(404, 'Not Found');
    return pull;
  }

  /** One page of `items` and the Link header GitHub sends when there are more. */
  private page<T>(url: URL, items: T[]): { data: T[]; link?: string } {
    const size = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.pageSize);
    const page = Number(url.searchParams.get('page') ?? 1);
    const data = items.slice((page - 1) * size, page * size);
    if (page * size >= items.length) return { data };
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    return { data, link: `<${next.href}>; rel="next"` };
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown>,
    account: FakeAccount,
  ): { status?: number; data: unknown; link?: string } {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    const writer = (): void => {
      if (!account.canWrite) throw new HttpError(403, 'Resource not accessible by integration');
    };
    if (method === 'GET' && path === '/user') {
      if (account.type === 'Bot') throw new HttpError(403, 'Resource not accessible by integration');
      return { data: { login: account.login, type: account.type } };
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path)) && method === 'GET') {
      const pull = this.pullAt(m[1]!, m[2]!, m[3]!);
      const base = `${pull.owner}/${pull.repo}`;
      return {
        data: {
          number: pull.number,
          state: 'open',
          head: { sha: pull.headSha, repo: { full_name: pull.headRepo ?? base } },
          base: { repo: { full_name: base } },
        },
      };
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/.exec(path)) && method === 'GET') {
      const pull = this.pullAt(m[1]!, m[2]!, m[3]!);
      return this.page(
        url,
        pull.files.map((f) => ({ status: 'modified', ...f })),
      );
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/.exec(path)) && method === 'GET') {
      const pull = this.pullAt(m[1]!, m[2]!, m[3]!);
      const key = pullKey(pull.owner, pull.repo, pull.number);
      return this.page(
        url,
        this.comments.filter((c) => c.pull === key),
      );
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/.exec(path))) {
      const pull = this.pullAt(m[1]!, m[2]!, m[3]!);
      const key = pullKey(pull.owner, pull.repo, pull.number);
      if (method === 'GET')
        return this.page(
          url,
          this.reviews.filter((r) => r.pull === key),
        );
      if (method === 'POST') {
        writer();
        return { data: this.createReview(pull, key, body, account) };
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews\/(\d+)$/.exec(path)) && method === 'PUT') {
      writer();
      const review = this.reviews.find((r) => r.id === Number(m![4]));
      if (!review) throw new HttpError(404, 'Not Found');
      if (review.user.login !== account.login) throw new HttpError(403, 'You cannot edit this review');
      review.body = typeof body['body'] === 'string' ? body['body'] : '';
      return { data: review };
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)$/.exec(path)) && method === 'PATCH') {
      writer();
      const comment = this.comments.find((c) => c.id === Number(m![3]));
      if (!comment) throw new HttpError(404, 'Not Found');
      if (comment.user.login !== account.login) throw new HttpError(403, 'You cannot edit this comment');
      comment.body = typeof body['body'] === 'string' ? body['body'] : '';
      return { data: comment };
    }
    throw new HttpError(404, 'Not Found');
  }

  private createReview(pull: FakePull, key: string, body: Record<string, unknown>, account: FakeAccount): FakeReview {
    const event = body['event'];
    if (event !== 'COMMENT' && event !== 'APPROVE' && event !== 'REQUEST_CHANGES')
      throw new HttpError(422, `Unprocessable Entity: event ${String(event)}`);
    const commit = typeof body['commit_id'] === 'string' ? body['commit_id'] : pull.headSha;
    if (commit !== pull.headSha) throw new HttpError(422, 'Unprocessable Entity: commit_id is not the head');
    const comments = (body['comments'] ?? []) as Array<Record<string, unknown>>;
    const text = typeof body['body'] === 'string' ? body['body'] : '';
    if (!text && !comments.length) throw new HttpError(422, 'Unprocessable Entity: a review needs a body or comments');
    for (const c of comments) {
      const line = Number(c['line']);
      const hunk = hunkOf(pull, String(c['path']), line);
      if (!hunk || c['side'] !== 'RIGHT')
        throw new HttpError(422, `Unprocessable Entity: Line could not be resolved (${String(c['path'])}:${line})`);
      if (c['start_line'] !== undefined) {
        const start = Number(c['start_line']);
        if (!(start < line && start >= hunk.first))
          throw new HttpError(422, `Unprocessable Entity: start_line must be part of the same hunk as the line`);
      }
    }
    const user = { login: account.login, type: account.type };
    const review: FakeReview = {
      id: this.nextId++,
      pull: key,
      body: text,
      commit_id: commit,
      state: event === 'COMMENT' ? 'COMMENTED' : event === 'APPROVE' ? 'APPROVED' : 'CHANGES_REQUESTED',
      user,
    };
    this.reviews.push(review);
    for (const c of comments)
      this.comments.push({
        id: this.nextId++,
        pull: key,
        pull_request_review_id: review.id,
        path: String(c['path']),
        line: Number(c['line']),
        start_line: c['start_line'] === undefined ? null : Number(c['start_line']),
        original_line: Number(c['line']),
        side: 'RIGHT',
        body: String(c['body']),
        commit_id: commit,
        user,
      });
    return review;
  }
}
