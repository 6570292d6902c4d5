// `--github-review`: the pull request is found and read before the review is paid for (a wrong token,
// repository or number is an error then, not after), and the findings are posted once the reports are
// written. A token that may not write (a fork's read-only GITHUB_TOKEN: 403) is a notice, not a failure.
import {
  GithubApiError,
  GithubSetupError,
  openPullRequest,
  publishGithubReview,
  pullRequestTarget,
  type OpenPullRequest,
} from '../node';
import { hiddenPhrase } from '../review';
import type { CommonOptions } from './args';
import { RunFailedError, UsageError } from './exitCodes';
import { CLI_VERSION, problemsOf, type Report } from './report';
import type { CliIo } from './reviewCommand';

const HINTS: Record<number, string> = {
  401: 'GITHUB_TOKEN was refused: is it expired or mistyped?',
  403: 'GITHUB_TOKEN may not read this pull request.',
  404: 'no such pull request, or GITHUB_TOKEN cannot see the repository (check --repo and --pr).',
};

/** A notice line, as GitHub Actions shows it when running there (its workflow-command escaping). */
function notice(io: CliIo, text: string): void {
  const escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  io.stderr.write(
    io.env['GITHUB_ACTIONS'] === 'true'
      ? `::notice title=Claude Multi-Agent review comments::${escaped}\n`
      : `notice: ${text}\n`,
  );
}

export async function openForReview(
  options: CommonOptions['githubReview'],
  io: CliIo,
): Promise<OpenPullRequest | undefined> {
  if (!options) return undefined;
  let target;
  try {
    target = pullRequestTarget(options, io.env);
  } catch (err) {
    if (err instanceof GithubSetupError) throw new UsageError(err.message);
    throw err;
  }
  try {
    const open = await openPullRequest(target, `claude-multi-agent/${CLI_VERSION}`, io.signal);
    if (open.info.fromFork)
      notice(io, 'this pull request comes from a fork; its token is usually read-only, so comments may be refused.');
    return open;
  } catch (err) {
    if (!(err instanceof GithubApiError)) throw err;
    const hint = err.status !== undefined ? HINTS[err.status] : undefined;
    throw new RunFailedError(`${err.message}${hint ? ` (${hint})` : ''}`);
  }
}

/** Posts the review; true when it was posted or refused for permissions, false when it failed. */
export async function postReview(open: OpenPullRequest, report: Report, io: CliIo): Promise<boolean> {
  const notes = [
    ...(report.hidden?.length ? [report.hidden.map((h) => hiddenPhrase(h.reason, h.count)).join(', ') + '.'] : []),
    ...problemsOf(report),
    ...(report.leftOut?.total ? [`${report.leftOut.total} files were left out of the review.`] : []),
  ];
  try {
    const o = await publishGithubReview(open, { findings: report.findings, folder: report.folder ?? '', notes });
    io.stderr.write(
      `Pull-request review: ${o.created} new comment${o.created === 1 ? '' : 's'}, ${o.edited} edited, ${o.resolved} marked resolved, ${o.unchanged} unchanged, ${o.elsewhere} in the review body.\n`,
    );
    return true;
  } catch (err) {
    if (err instanceof GithubApiError && err.status === 403) {
      notice(
        io,
        `comments were not posted: ${err.message}. A pull request from a fork gets a read-only token; the findings are in the reports.`,
      );
      return true;
    }
    io.stderr.write(`error: the pull-request review was not posted: ${(err as Error).message}\n`);
    return false;
  }
}
