// The claudeMultiAgent.experts setting: an array of {name, instructions, model?, description?}.
// A broken entry is reported and skipped; the others still load.
import { expertIdFromName } from './expertId';
import type { ExpertDefinition, ExpertProblem } from './types';

export interface ParsedExperts {
  experts: ExpertDefinition[];
  problems: ExpertProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(entry: Record<string, unknown>, key: string): string | undefined | Error {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return new Error(`"${key}" must be a string`);
  return value.trim() === '' ? undefined : value.trim();
}

export function parseSettingsExperts(value: unknown): ParsedExperts {
  const experts: ExpertDefinition[] = [];
  const problems: ExpertProblem[] = [];
  if (value === undefined || value === null) return { experts, problems };
  if (!Array.isArray(value)) {
    problems.push({ source: 'settings', reason: 'claudeMultiAgent.experts must be an array of experts' });
    return { experts, problems };
  }
  const ids = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const named =
      isRecord(entry) && typeof entry['name'] === 'string' && entry['name'].trim() !== ''
        ? ` "${entry['name'].trim()}"`
        : '';
    const source = `settings: claudeMultiAgent.experts[${index}]${named}`;
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') problems.push({ source, reason: parsed });
    else if (ids.has(parsed.id))
      problems.push({ source, reason: `another entry already uses the name "${parsed.name}"` });
    else {
      ids.add(parsed.id);
      experts.push(parsed);
    }
  });
  return { experts, problems };
}

/** The expert, or the reason the entry is unusable. */
function parseEntry(entry: unknown): ExpertDefinition | string {
  if (!isRecord(entry)) return 'must be an object with "name" and "instructions"';
  const name = entry['name'];
  const instructions = entry['instructions'];
  if (typeof name !== 'string' || name.trim() === '') return '"name" is missing or empty';
  if (typeof instructions !== 'string' || instructions.trim() === '') return '"instructions" is missing or empty';
  const model = optionalString(entry, 'model');
  if (model instanceof Error) return model.message;
  const description = optionalString(entry, 'description');
  if (description instanceof Error) return description.message;
  const expert: ExpertDefinition = {
    id: expertIdFromName(name),
    name: name.trim(),
    instructions: instructions.trim(),
    source: 'settings',
  };
  if (model) expert.model = model;
  if (description) expert.description = description;
  return expert;
}
