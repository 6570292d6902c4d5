// The command line, parsed with node:util's parseArgs into one typed request per command.
import { parseArgs } from 'node:util';
import type { GitScope } from '../node';
import { SEVERITIES, type Severity, type VerifyMode } from '../review';
import { PROVIDER_NAMES, type ProviderName } from '../core';
import { UsageError } from './exitCodes';
import { outputsFrom, type OutputSpec } from './outputs';

export type { Format } from './outputs';
const VERIFY_MODES: readonly VerifyMode[] = ['off', 'high-severity', 'all'];

export interface CommonOptions {
  /** The folder paths are relative to (default: the working directory). */
  root: string;
  /** Each report to write (at least one); see outputs.ts. */
  outputs: OutputSpec[];
  /** Append a short Markdown summary to $GITHUB_STEP_SUMMARY. */
  summary?: boolean;
  /** Post the findings as a pull-request review (review only; see src/node/github). */
  githubReview?: { repo?: string; pr?: number };
  config?: string;
  experts?: string[];
  failOn?: Severity;
  maxCost?: number;
  /** Findings scored below this (0-100) are counted, not reported (default 70, as in the editor). */
  minConfidence?: number;
  verify?: VerifyMode;
  /** Where requests go (default: CLAUDE_CODE_USE_BEDROCK / CLAUDE_CODE_USE_VERTEX, else the Anthropic API). */
  provider?: ProviderName;
  /** Exit 0 (not 5) when files were left out of the review for the token budget. */
  allowPartial?: boolean;
  /** The whole run stops after this long (its partial report written), exit 124. */
  timeoutMs?: number;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({
      kind: 'review';
      paths: string[];
      scope?: GitScope;
      allLines: boolean;
      /** --pr-title / --pr-description: the author's intent, for git scopes. */
      pullRequest?: { title?: string; description?: string };
    } & CommonOptions)
  | ({
      kind: 'sweep';
      paths: string[];
      batch: boolean;
      /** Ordinary requests at full price instead of a batch (providers without Message Batches). */
      interactive: boolean;
      state?: string;
      fresh: boolean;
      pollMs: number;
    } & CommonOptions);

export const USAGE = `Usage:
  claude-multi-agent review [paths…] [--staged | --base REF | --commit REV|RANGE] [options]
  claude-multi-agent sweep [paths…] --batch [--state FILE] [options]
  claude-multi-agent sweep [paths…] --interactive [options]

Scopes (review): paths (files or folders), --staged (the index), --base REF (this branch against its
merge-base with REF), --commit REV or A..B; with none of them, the uncommitted changes. A git scope
reports only findings on the lines it changed (the others are counted); --all-lines reports them all.

Options:
  --format markdown|json|sarif|rdjson
                                 report format (default markdown); rdjson is reviewdog's Diagnostic Format
  --output FILE                  write the report to FILE instead of stdout
  --sarif|--json|--markdown|--rdjson FILE
                                 also write that format to FILE (- for stdout); each at most once, each to its own file
  --summary                      append a short Markdown summary to $GITHUB_STEP_SUMMARY (GitHub Actions)
  --github-review                (review) post the findings as a pull-request review: inline comments on changed
                                 lines, edited (not repeated) on later runs; token from GITHUB_TOKEN
  --repo OWNER/NAME, --pr N      the pull request (default: from GITHUB_REPOSITORY and GITHUB_EVENT_PATH)
  --config FILE                  JSON settings (experts, model, maxTokens, contextTokenBudget, exclude, synthesis, maxConcurrency,
                                 review.minConfidence, review.verify)
  --experts ID,ID                which experts run (default: built-in and settings experts; agent files by id, e.g. agent:my-reviewer)
  --fail-on SEVERITY             exit 1 when a finding is at least critical|high|medium|low|info
  --all-lines                    (review, git scopes) also report findings outside the changed lines
  --pr-title TEXT                (review, git scopes) the pull request's title, and
  --pr-description TEXT          its description: the author's intent, given to every expert with the commit
                                 messages (default: from the GitHub event payload at GITHUB_EVENT_PATH, if any)
  --allow-partial                exit 0 (not 5) when files had to be left out of the review for the token budget
  --max-cost USD                 review: stop launching requests and abort open ones once the estimate reaches USD;
                                 sweep: send no batch whose input alone would reach USD
  --timeout DURATION             stop the whole run after DURATION (90s, 10m, 1h; a bare number is seconds),
                                 write the partial report and exit 124
  --root DIR                     the folder to review (default: the working directory)
  --state FILE                   (sweep) where the batch id is kept (default: a file per sweep under
                                 $XDG_CACHE_HOME/claude-multi-agent, outside the work tree)
  --fresh                        (sweep) forget a saved batch for the same sweep and submit a new one
  --interactive                  (sweep) ordinary requests at full price instead of a batch: for Amazon Bedrock
                                 and Google Vertex AI, which have no Message Batches (not resumable)
  --min-confidence N             report only findings scored at least N (0-100, default 70); the rest are counted
  --verify off|high-severity|all (review) after synthesis, one verifier request per critical/high finding (the
                                 default) or per finding tries to refute it over the cached code; refuted ones are counted

  --provider anthropic|bedrock|vertex
                                 where requests go (default: CLAUDE_CODE_USE_BEDROCK=1 / CLAUDE_CODE_USE_VERTEX=1
                                 as Claude Code reads them, else the Anthropic API); also "provider" in --config

The key is read from ANTHROPIC_API_KEY only (a gateway's bearer token from ANTHROPIC_AUTH_TOKEN);
ANTHROPIC_BASE_URL may name another endpoint (https, or http on loopback); ANTHROPIC_CUSTOM_HEADERS adds
headers (one "Name: value" per line). Amazon Bedrock: AWS_REGION, AWS_PROFILE or the default AWS
credential chain, AWS_BEARER_TOKEN_BEDROCK, ANTHROPIC_BEDROCK_BASE_URL, CLAUDE_CODE_SKIP_BEDROCK_AUTH=1.
Google Vertex AI: CLOUD_ML_REGION (e.g. global), ANTHROPIC_VERTEX_PROJECT_ID, Application Default
Credentials, ANTHROPIC_VERTEX_BASE_URL, CLAUDE_CODE_SKIP_VERTEX_AUTH=1. Proxies: HTTPS_PROXY and NO_PROXY;
certificates: NODE_EXTRA_CA_CERTS. Exit codes: 0 ok (also when there was nothing to review), 1 findings at
--fail-on, 2 usage, 3 failed, 4 --max-cost reached, 5 files left out of the review (see --allow-partial),
124 --timeout passed, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
`;

/** Options that take a value: given twice, parseArgs would silently keep the last. */
function refuseRepeats(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>): void {
  const given = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name || t.value === undefined) continue;
    given.set(t.name, [...(given.get(t.name) ?? []), t.value]);
  }
  for (const [name, values] of given)
    if (values.length > 1)
      throw new UsageError(
        `--${name} was given ${values.length} times (${values.map((v) => JSON.stringify(v)).join(', ')}): give it once${name === 'output' || name === 'format' ? '; for several reports use --sarif, --json, --markdown or --rdjson FILE' : ''}.`,
      );
}

/** "90", "90s", "10m", "1h" → milliseconds. */
function durationMs(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  const n = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 's' | 'm' | 'h'] : NaN;
  if (!(n > 0))
    throw new UsageError(`--timeout must be a duration such as 90s, 10m or 1h, not ${JSON.stringify(value)}.`);
  return n;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
}

export function parseCommand(argv: readonly string[], cwd: string): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        staged: { type: 'boolean' },
        base: { type: 'string' },
        commit: { type: 'string' },
        'all-lines': { type: 'boolean' },
        'pr-title': { type: 'string' },
        'pr-description': { type: 'string' },
        'allow-partial': { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        markdown: { type: 'string' },
        json: { type: 'string' },
        sarif: { type: 'string' },
        rdjson: { type: 'string' },
        summary: { type: 'boolean' },
        'github-review': { type: 'boolean' },
        repo: { type: 'string' },
        pr: { type: 'string' },
        config: { type: 'string' },
        experts: { type: 'string' },
        'fail-on': { type: 'string' },
        'max-cost': { type: 'string' },
        'min-confidence': { type: 'string' },
        verify: { type: 'string' },
        provider: { type: 'string' },
        root: { type: 'string' },
        batch: { type: 'boolean' },
        interactive: { type: 'boolean' },
        state: { type: 'string' },
        fresh: { type: 'boolean' },
        'poll-ms': { type: 'string' },
        timeout: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  refuseRepeats(parsed.tokens);
  if (v.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (v.help || !command) return { kind: 'help' };

  const maxCost = v['max-cost'] === undefined ? undefined : Number(v['max-cost']);
  if (maxCost !== undefined && !(maxCost > 0))
    throw new UsageError('--max-cost must be a positive number of US dollars.');
  const failOn = oneOf<Severity>(v['fail-on'], SEVERITIES, '--fail-on');
  const minConfidence = v['min-confidence'] === undefined ? undefined : Number(v['min-confidence']);
  if (minConfidence !== undefined && !(Number.isInteger(minConfidence) && minConfidence >= 0 && minConfidence <= 100))
    throw new UsageError('--min-confidence must be an integer from 0 to 100.');
  const verify = oneOf<VerifyMode>(v.verify, VERIFY_MODES, '--verify');
  const provider = oneOf<ProviderName>(v.provider, PROVIDER_NAMES, '--provider');
  const timeoutMs = v.timeout === undefined ? undefined : durationMs(v.timeout);
  const githubReview = githubReviewOf(command, v['github-review'] === true, v.repo, v.pr);
  const common: CommonOptions = {
    root: v.root ?? cwd,
    outputs: outputsFrom(v),
    ...(v.summary && { summary: true }),
    ...(githubReview && { githubReview }),
    ...(v.config !== undefined && { config: v.config }),
    ...(v.experts !== undefined && {
      experts: v.experts
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
    ...(failOn && { failOn }),
    ...(maxCost !== undefined && { maxCost }),
    ...(minConfidence !== undefined && { minConfidence }),
    ...(verify && { verify }),
    ...(provider && { provider }),
    ...(v['allow-partial'] && { allowPartial: true }),
    ...(timeoutMs !== undefined && { timeoutMs }),
  };

  if (command === 'review') {
    const scopes: GitScope[] = [
      ...(v.staged ? [{ kind: 'staged' as const }] : []),
      ...(v.base !== undefined ? [{ kind: 'base' as const, base: v.base }] : []),
      ...(v.commit !== undefined ? [{ kind: 'commit' as const, rev: v.commit }] : []),
    ];
    if (scopes.length > 1) throw new UsageError('Give at most one of --staged, --base and --commit.');
    if (scopes.length && paths.length) throw new UsageError('Give either paths or a git scope, not both.');
    const scope = scopes[0] ?? (paths.length ? undefined : { kind: 'uncommitted' as const });
    const pullRequest = {
      ...(v['pr-title'] !== undefined && { title: v['pr-title'] }),
      ...(v['pr-description'] !== undefined && { description: v['pr-description'] }),
    };
    if (!scope && (pullRequest.title !== undefined || pullRequest.description !== undefined))
      throw new UsageError('--pr-title and --pr-description go with a git scope (a diff), not with paths.');
    return {
      kind: 'review',
      paths,
      ...(scope && { scope }),
      allLines: v['all-lines'] === true,
      ...(Object.keys(pullRequest).length && { pullRequest }),
      ...common,
    };
  }
  if (command === 'sweep') {
    if (!v.batch && !v.interactive)
      throw new UsageError(
        'sweep runs through the Message Batches API: add --batch (or --interactive for ordinary requests at full price).',
      );
    if (v.batch && v.interactive) throw new UsageError('Give either --batch or --interactive, not both.');
    if (v.interactive && (v.fresh || v.state !== undefined))
      throw new UsageError('--state and --fresh go with --batch: an interactive sweep keeps no state to resume.');
    const pollMs = v['poll-ms'] === undefined ? 30_000 : Number(v['poll-ms']);
    if (!(pollMs >= 0)) throw new UsageError('--poll-ms must be a number of milliseconds.');
    return {
      kind: 'sweep',
      paths: paths.length ? paths : ['.'],
      batch: v.batch === true,
      interactive: v.interactive === true,
      fresh: v.fresh === true,
      pollMs,
      ...(v.state !== undefined && { state: v.state }),
      ...common,
    };
  }
  throw new UsageError(`Unknown command ${JSON.stringify(command)}: use review or sweep.`);
}

function githubReviewOf(
  command: string,
  asked: boolean,
  repo: string | undefined,
  pr: string | undefined,
): CommonOptions['githubReview'] {
  if (!asked) {
    if (repo !== undefined || pr !== undefined) throw new UsageError('--repo and --pr go with --github-review.');
    return undefined;
  }
  if (command !== 'review')
    throw new UsageError('--github-review posts a review of a pull request: use it with review.');
  if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError('--repo must be OWNER/NAME.');
  const number = pr === undefined ? undefined : Number(pr);
  if (number !== undefined && !(Number.isInteger(number) && number > 0))
    throw new UsageError('--pr must be a pull request number.');
  return { ...(repo && { repo }), ...(number && { pr: number }) };
}
