// Pull-request reviews on GitHub (REST API through Octokit): which pull request, and posting to it.
export { pullRequestTarget, GithubSetupError, type PullRequestTarget } from './pullRequestTarget';
export { GithubApiError } from './githubApi';
export {
  openPullRequest,
  publishGithubReview,
  type GithubReviewInput,
  type GithubReviewOutcome,
  type OpenPullRequest,
} from './publishReview';
