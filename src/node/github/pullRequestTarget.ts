// Which pull request a review is posted on, and with what: the token from GITHUB_TOKEN (never a flag),
// the repository from --repo or GITHUB_REPOSITORY, the number from --pr or the event GitHub Actions
// describes in GITHUB_EVENT_PATH, the API from GITHUB_API_URL (GitHub Enterprise) under the endpoint rule.
import { readFileSync } from 'node:fs';
import { checkedBaseUrl } from '../endpoint';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
  token: string;
  apiUrl: string;
}

/** A missing or wrong setting, said so that the user can fix it (the CLI maps it to a usage error). */
export class GithubSetupError extends Error {}

function eventPullNumber(path: string | undefined): number | undefined {
  if (!path) return undefined;
  let event: { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown } };
  try {
    event = JSON.parse(readFileSync(path, 'utf8')) as typeof event;
  } catch (err) {
    throw new GithubSetupError(`GITHUB_EVENT_PATH ${path} could not be read: ${(err as Error).message}`);
  }
  const n = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function pullRequestTarget(flags: { repo?: string; pr?: number }, env: NodeJS.ProcessEnv): PullRequestTarget {
  const token = env['GITHUB_TOKEN']?.trim();
  if (!token)
    throw new GithubSetupError(
      '--github-review needs GITHUB_TOKEN (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}` with `permissions: pull-requests: write`).',
    );
  const full = flags.repo ?? env['GITHUB_REPOSITORY']?.trim();
  const [owner, repo, ...rest] = (full ?? '').split('/');
  if (!owner || !repo || rest.length)
    throw new GithubSetupError('--github-review needs the repository: --repo OWNER/NAME or GITHUB_REPOSITORY.');
  const number = flags.pr ?? eventPullNumber(env['GITHUB_EVENT_PATH']);
  if (!number)
    throw new GithubSetupError(
      '--github-review needs the pull request: --pr N, or run on a pull_request event (GITHUB_EVENT_PATH).',
    );
  let apiUrl: string;
  try {
    apiUrl = checkedBaseUrl(env['GITHUB_API_URL'], 'GITHUB_API_URL') ?? 'https://api.github.com';
  } catch (err) {
    throw new GithubSetupError((err as Error).message);
  }
  return { owner, repo, number, token, apiUrl };
}
