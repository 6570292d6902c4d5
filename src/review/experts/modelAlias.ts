// Claude Code subagents name models by alias; the API needs ids.

const ALIASES: Readonly<Record<string, string>> = {
  sonnet: 'claude-sonnet-5-5',
  opus: 'claude-opus-5-5',
  haiku: 'claude-haiku-5-5',
};

/** The model id to call: an alias maps to its current id, undefined/'inherit'/'' to `defaultModel`, anything else as given. */
export function resolveModelAlias(alias: string | undefined, defaultModel: string): string {
  const value = alias?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'inherit') return defaultModel;
  return ALIASES[value.toLowerCase()] ?? value;
}
