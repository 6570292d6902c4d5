// Claude Code subagent files (.claude/agents/*.md): YAML front matter with name and description,
// optional model (an alias or id; 'inherit' means the configured model) and tools (ignored here),
// followed by the instructions as the Markdown body.
import { parse as parseYaml } from 'yaml';
import { expertIdFromName } from './expertId';
import type { ExpertDefinition, ExpertProblem } from './types';

/** Agent files get ids of their own, so a repository's file can never stand in for a built-in or user expert. */
export const AGENT_ID_PREFIX = 'agent:';
/** A reviewer's instructions fit easily; a larger body is more likely a mistake (or an attempt to run up cost). */
export const MAX_AGENT_BODY_BYTES = 64 * 1024;

export const agentExpertId = (name: string): string => `${AGENT_ID_PREFIX}${expertIdFromName(name)}`;

export type AgentFileResult = { ok: true; expert: ExpertDefinition } | { ok: false; problem: ExpertProblem };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function parseAgentFile(path: string, text: string): AgentFileResult {
  const fail = (reason: string): AgentFileResult => ({ ok: false, problem: { source: path, reason } });
  const match = FRONT_MATTER.exec(text);
  if (!match) return fail('no YAML front matter: the file must start with a "---" line and close it with another');
  let meta: unknown;
  try {
    meta = parseYaml(match[1]!);
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return fail(`front matter is not valid YAML: ${first}`);
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    return fail('front matter must be a mapping of fields');
  const fields = meta as Record<string, unknown>;
  const name = fields['name'];
  const description = fields['description'];
  const model = fields['model'];
  if (typeof name !== 'string' || name.trim() === '') return fail('"name" is missing or empty');
  if (typeof description !== 'string' || description.trim() === '') return fail('"description" is missing or empty');
  if (model !== undefined && model !== null && typeof model !== 'string') return fail('"model" must be a string');
  const instructions = text.slice(match[0].length).trim();
  if (instructions === '') return fail('the instructions (the text after the front matter) are empty');
  const bytes = new TextEncoder().encode(instructions).length;
  if (bytes > MAX_AGENT_BODY_BYTES) {
    return fail(
      `the instructions are ${Math.ceil(bytes / 1024)} KiB; an agent file's body may be at most ${MAX_AGENT_BODY_BYTES / 1024} KiB`,
    );
  }

  const expert: ExpertDefinition = {
    id: agentExpertId(name),
    name: name.trim(),
    description: description.trim(),
    instructions,
    source: { file: path },
  };
  const modelName = typeof model === 'string' ? model.trim() : '';
  if (modelName !== '' && modelName.toLowerCase() !== 'inherit') expert.model = modelName;
  return { ok: true, expert };
}
