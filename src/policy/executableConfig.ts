// Files that are code run later by someone else's tool: an edit to them runs on the next folder
// open, `npm install`, commit or CI run, not when the user reads the diff. The delegation may
// propose them, but the preview labels them and the user must read a warning before ticking them.
// Matched like gitignore patterns against the workspace-relative path.
import ignore from 'ignore';

const EXECUTABLE_CONFIG: ReadonlyArray<readonly [pattern: string, why: string]> = [
  ['/.vscode/**', 'VS Code workspace configuration: tasks can run on folder open, settings change tools'],
  ['/.devcontainer/**', 'dev container configuration: its commands run when the container is built'],
  ['package.json', 'package.json: its scripts run on npm install and npm run'],
  ['/.github/workflows/**', 'a GitHub Actions workflow: runs in CI with its secrets'],
  ['/.github/actions/**', 'a GitHub Actions action: runs in CI with its secrets'],
  ['/.gitlab-ci.yml', 'GitLab CI configuration: runs in CI with its secrets'],
  ['/.gitlab/ci/**', 'GitLab CI configuration: runs in CI with its secrets'],
  ['/.circleci/**', 'CircleCI configuration: runs in CI with its secrets'],
  ['/.buildkite/**', 'Buildkite configuration: runs in CI with its secrets'],
  ['/.travis.yml', 'Travis CI configuration: runs in CI with its secrets'],
  ['/azure-pipelines.yml', 'Azure Pipelines configuration: runs in CI with its secrets'],
  ['/.azure-pipelines/**', 'Azure Pipelines configuration: runs in CI with its secrets'],
  ['/bitbucket-pipelines.yml', 'Bitbucket Pipelines configuration: runs in CI with its secrets'],
  ['/Jenkinsfile', 'a Jenkins pipeline: runs in CI with its secrets'],
  ['/.drone.yml', 'Drone CI configuration: runs in CI with its secrets'],
  ['/.woodpecker.yml', 'Woodpecker CI configuration: runs in CI with its secrets'],
  ['/.woodpecker/**', 'Woodpecker CI configuration: runs in CI with its secrets'],
  ['/appveyor.yml', 'AppVeyor configuration: runs in CI with its secrets'],
  ['/cloudbuild.yaml', 'Google Cloud Build configuration: runs in CI with its secrets'],
  ['/.husky/**', 'a git hook (husky): runs on the next commit or push'],
  ['/.githooks/**', 'a git hook: runs on the next commit or push'],
  ['/.git-hooks/**', 'a git hook: runs on the next commit or push'],
  ['/lefthook.yml', 'a git hook (lefthook): runs on the next commit or push'],
  ['/.lefthook.yml', 'a git hook (lefthook): runs on the next commit or push'],
  ['/.pre-commit-config.yaml', 'a git hook (pre-commit): runs on the next commit'],
  ['/.simple-git-hooks.json', 'a git hook (simple-git-hooks): runs on the next commit'],
  ['/.lintstagedrc*', 'lint-staged configuration: its commands run on the next commit'],
  ['/.envrc', 'a direnv file: runs when a shell enters the folder'],
];

const matchers = EXECUTABLE_CONFIG.map(([pattern, why]) => ({ rules: ignore().add(pattern), why }));

/** Why an edit to `relPath` is code that runs later ("a git hook: …"), or undefined for an ordinary file. */
export function executableConfigReason(relPath: string): string | undefined {
  if (!relPath || !ignore.isPathValid(relPath)) return undefined;
  return matchers.find((m) => m.rules.ignores(relPath))?.why;
}
