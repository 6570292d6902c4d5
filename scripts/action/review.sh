#!/usr/bin/env bash
# The review step of the GitHub Action (action.yml): decides whether a review can run, runs the command line,
# and hands its exit code and report to the next steps through $GITHUB_OUTPUT. It exits 0 once the command line
# has run, whatever it found: the action's last step fails the job with the review's code, after the upload.
# Inputs come as CMA_* environment variables (see action.yml); tested in test/unit/release/action.test.ts.
set -euo pipefail

: "${GITHUB_OUTPUT:?run this inside GitHub Actions (GITHUB_OUTPUT is not set)}"
output() { printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; }
fail() {
  printf '::error title=Claude Multi-Agent review::%s\n' "$1"
  exit 1
}
skip() {
  printf '::notice title=Claude Multi-Agent review skipped::%s\n' "$1"
  output skipped true
  exit 0
}

event="${GITHUB_EVENT_NAME:-}"
is_pull_request=false
case "$event" in pull_request | pull_request_target | pull_request_review | pull_request_review_comment) is_pull_request=true ;; esac

# 1. Whether a review can run at all. Fork pull requests get no secrets and a read-only token: a review cannot be
#    paid for nor uploaded, and an empty report would read as "no alerts". Skip with a notice instead.
if [[ $is_pull_request == true && -n "${GITHUB_EVENT_PATH:-}" && -f "$GITHUB_EVENT_PATH" ]]; then
  head_repo="$(node -e 'const e = require(process.argv[1]); process.stdout.write(e.pull_request?.head?.repo?.full_name ?? "")' "$GITHUB_EVENT_PATH")"
  if [[ "$head_repo" != "${GITHUB_REPOSITORY:-}" ]]; then
    skip "This pull request comes from ${head_repo:-a deleted fork}: GitHub gives its workflows no secrets and a read-only token, so it cannot be reviewed here."
  fi
fi
if [[ -z "${ANTHROPIC_API_KEY:-}" ]]; then
  if [[ "${GITHUB_ACTOR:-}" == 'dependabot[bot]' ]]; then
    skip 'Dependabot runs get no Actions secrets, so there is no API key to review with.'
  fi
  fail 'No API key: add an ANTHROPIC_API_KEY repository secret and pass it as `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`.'
fi

# 2. The command line's arguments.
args=(review)
case "${CMA_SCOPE:-}" in
  '')
    if [[ $is_pull_request == true && -n "${CMA_BASE_REF:-}" ]]; then
      args+=(--base "origin/$CMA_BASE_REF")
    elif [[ "$event" == push && -n "${CMA_BEFORE:-}" && ! "$CMA_BEFORE" =~ ^0+$ ]]; then
      args+=(--commit "$CMA_BEFORE..${GITHUB_SHA:-HEAD}")
    else
      fail "Nothing to review by default on a '${event:-unknown}' event: set the scope input (base:<ref>, commit:<rev>, staged or paths:<paths>)."
    fi
    ;;
  base:?*) args+=(--base "${CMA_SCOPE#base:}") ;;
  commit:?*) args+=(--commit "${CMA_SCOPE#commit:}") ;;
  staged) args+=(--staged) ;;
  paths:?*)
    read -r -a paths <<<"${CMA_SCOPE#paths:}"
    args+=("${paths[@]}")
    ;;
  *) fail "scope '${CMA_SCOPE}' is not one of: (empty), base:<ref>, commit:<rev or A..B>, staged, paths:<paths>." ;;
esac
if [[ "${args[1]:-}" == --base ]] && ! git rev-parse --verify --quiet "${args[2]}^{commit}" >/dev/null; then
  fail "${args[2]} is not in this clone: check out with 'fetch-depth: 0' (actions/checkout) so the merge-base can be found."
fi
[[ -z "${CMA_EXPERTS:-}" ]] || args+=(--experts "$CMA_EXPERTS")
case "${CMA_FAIL_ON:-}" in '' | never) ;; *) args+=(--fail-on "$CMA_FAIL_ON") ;; esac
case "${CMA_MAX_COST:-}" in '' | 0 | 0.0 | 0.00) ;; *) args+=(--max-cost "$CMA_MAX_COST") ;; esac
if [[ -n "${CMA_MODEL:-}" ]]; then
  # The command line takes the model from a settings file: the given one, with the model set.
  merged="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/claude-multi-agent-settings.json"
  node -e '
    const [file, model, out] = process.argv.slice(1);
    const settings = file ? JSON.parse(require("fs").readFileSync(file, "utf8")) : {};
    require("fs").writeFileSync(out, JSON.stringify({ ...settings, model }));' "${CMA_CONFIG:-}" "$CMA_MODEL" "$merged" ||
    fail "config ${CMA_CONFIG} could not be read as JSON."
  args+=(--config "$merged")
elif [[ -n "${CMA_CONFIG:-}" ]]; then
  args+=(--config "$CMA_CONFIG")
fi
sarif="${CMA_SARIF_FILE:-claude-multi-agent.sarif}"
args+=(--format sarif --output "$sarif")
# Pull-request comments: the command line posts (and on later runs edits) its own review.
[[ "${CMA_COMMENTS:-false}" != true ]] || args+=(--github-review)

# 3. Run it. The package is this action's own version unless `cli` names another. It is installed first, on its
#    own, so that a package npm cannot install is reported as such, not as exit 1 ("findings").
spec="${CMA_CLI:-}"
if [[ -z "$spec" ]]; then
  spec="claude-multi-agent@$(node -p 'require(process.argv[1]).version' "${GITHUB_ACTION_PATH:?}/package.json")"
fi
prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/claude-multi-agent-cli"
npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error "$spec" >&2 ||
  fail "npm could not install ${spec} (see the log above)."
cli=("$prefix/node_modules/.bin/claude-multi-agent")
version="$("${cli[@]}" --version 2>&1)" || fail "${spec} does not run: ${version}"
echo "::group::claude-multi-agent ${version}: ${args[*]}"
set +e
"${cli[@]}" "${args[@]}"
code=$?
set -e
echo '::endgroup::'

output exit-code "$code"
case "$code" in
  0 | 1 | 5)
    [[ -f "$sarif" ]] || fail "the review finished but wrote no ${sarif}."
    output sarif-file "$sarif"
    [[ "$code" != 5 ]] || printf '::warning title=Claude Multi-Agent review::Some changed files could not be reviewed (see the log and the SARIF notifications).\n'
    ;;
  4) printf '::warning title=Claude Multi-Agent review::Stopped at max-cost (%s USD): the partial report is not uploaded, so code scanning keeps its earlier results.\n' "$CMA_MAX_COST" ;;
  *) printf '::error title=Claude Multi-Agent review::The review failed (exit %s); nothing is uploaded.\n' "$code" ;;
esac
