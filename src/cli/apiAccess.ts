// How the CLI reaches the API: the key from ANTHROPIC_API_KEY only (never a flag, which would land
// in shell history and process lists), the endpoint from ANTHROPIC_BASE_URL under the shared rule.
// The key passes the same shape rule as the editor's, and every line the CLI writes is redacted with it.
import { keyShapeProblem, redact, type ClientConfig } from '../core';
import { checkedBaseUrl } from '../node';
import { RunFailedError, UsageError } from './exitCodes';

export function clientFromEnv(env: NodeJS.ProcessEnv): ClientConfig {
  const apiKey = env['ANTHROPIC_API_KEY']?.trim();
  if (!apiKey) throw new RunFailedError('No API key: set ANTHROPIC_API_KEY (in CI, from a repository secret).');
  const problem = keyShapeProblem(apiKey);
  if (problem) throw new RunFailedError(`ANTHROPIC_API_KEY ${problem}: set the secret again without it.`);
  let baseURL: string | undefined;
  try {
    baseURL = checkedBaseUrl(env['ANTHROPIC_BASE_URL'], 'ANTHROPIC_BASE_URL');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { apiKey, ...(baseURL && { baseURL }) };
}

/**
 * `text` without the key (as set and as used), the GitHub token `--github-review` uses, or anything
 * key-shaped: for every line and report the CLI writes.
 */
export function withoutKey(text: string, env: NodeJS.ProcessEnv): string {
  const secrets = [env['ANTHROPIC_API_KEY'] ?? '', env['GITHUB_TOKEN'] ?? ''];
  return redact(text, [...secrets, ...secrets.map((s) => s.trim())].filter(Boolean));
}
