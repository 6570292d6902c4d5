// Pure, so it can be tested without the editor. A key with a line break or other control character
// would be sent as a malformed header: the SDK's error then quotes it, so such a key is never used.

/** Why `key` cannot be used as an API key, in words for the user, or undefined when it can. */
export function apiKeyProblem(key: string, source: 'entered' | 'stored' | 'ANTHROPIC_API_KEY'): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(key)) {
    const where =
      source === 'ANTHROPIC_API_KEY'
        ? 'The ANTHROPIC_API_KEY environment variable'
        : source === 'stored'
          ? 'The stored API key'
          : 'That key';
    return `${where} contains a line break or another control character, so it was not used. Set the key again with "Claude Multi-Agent: Set Anthropic API key".`;
  }
  return undefined;
}
