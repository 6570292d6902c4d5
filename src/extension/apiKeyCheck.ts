// Pure, so it can be tested without the editor. The rule itself is the core's (keyShapeProblem), the
// same the command line applies; this adds where the key came from and how to set it again.
import { keyShapeProblem } from '../core/keyShape'; // the file alone: the key store runs at activation

/** Why `key` cannot be used as an API key, in words for the user, or undefined when it can. */
export function apiKeyProblem(key: string, source: 'entered' | 'stored' | 'ANTHROPIC_API_KEY'): string | undefined {
  const problem = keyShapeProblem(key);
  if (!problem) return undefined;
  const where =
    source === 'ANTHROPIC_API_KEY'
      ? 'The ANTHROPIC_API_KEY environment variable'
      : source === 'stored'
        ? 'The stored API key'
        : 'That key';
  return `${where} ${problem}. Set the key again with "Claude Multi-Agent: Set Anthropic API key".`;
}
