// One list from the three sources. Ids are slugs of names, so a settings expert named like a built-in
// ("Security") replaces it in place: that is how users tune a built-in from their own settings. Agent
// files come from the repository, so they never replace anything: their ids carry the `agent:` prefix
// and one named like another expert is added beside it, marked "(agent file)".
// Within one source the first definition of an id wins and the rest are reported.
import { AGENT_ID_PREFIX, agentExpertId } from './agentFile';
import type { ExpertDefinition, ExpertProblem } from './types';

export interface MergedExperts {
  experts: ExpertDefinition[];
  problems: ExpertProblem[];
}

function sourceLabel(expert: ExpertDefinition): string {
  return typeof expert.source === 'string' ? expert.source : expert.source.file;
}

export function mergeExperts(
  builtins: readonly ExpertDefinition[],
  settings: readonly ExpertDefinition[],
  files: readonly ExpertDefinition[],
): MergedExperts {
  const byId = new Map<string, ExpertDefinition>();
  const problems: ExpertProblem[] = [];
  // A display name shared with a built-in or settings expert gets a suffix, so the two never look alike
  // (panel sections, output channels and the expert picker are labelled by name).
  const trustedNames = new Set([...builtins, ...settings].map((e) => e.name.trim().toLowerCase()));
  const ownFiles = files.map((e) => {
    const id = e.id.startsWith(AGENT_ID_PREFIX) ? e.id : agentExpertId(e.name);
    const name = trustedNames.has(e.name.trim().toLowerCase()) ? `${e.name} (agent file)` : e.name;
    return { ...e, id, name };
  });
  for (const layer of [builtins, settings, ownFiles]) {
    const seenInLayer = new Map<string, ExpertDefinition>();
    for (const expert of layer) {
      const first = seenInLayer.get(expert.id);
      if (first) {
        problems.push({
          source: sourceLabel(expert),
          reason: `"${expert.name}" has the same id "${expert.id}" as the expert in ${sourceLabel(first)}; that one is used`,
        });
        continue;
      }
      seenInLayer.set(expert.id, expert);
      byId.set(expert.id, expert); // Map keeps the first insertion's position
    }
  }
  return { experts: [...byId.values()], problems };
}

/**
 * The experts to run: the remembered ids that still exist, in list order. With nothing remembered
 * (or none left) the default is every built-in and settings expert; agent files are opt-in because
 * a project's .claude/agents often holds agents that are not reviewers.
 */
export function selectExperts(all: readonly ExpertDefinition[], rememberedIds?: readonly string[]): ExpertDefinition[] {
  const remembered = new Set(rememberedIds ?? []);
  const chosen = all.filter((e) => remembered.has(e.id));
  if (chosen.length > 0) return chosen;
  return all.filter((e) => typeof e.source === 'string');
}

/** The experts with these ids or names (any case): what a chat request or a tool asked for by name. */
export function expertsNamed(all: readonly ExpertDefinition[], names: readonly string[]): ExpertDefinition[] {
  const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
  return all.filter((e) => wanted.has(e.id.toLowerCase()) || wanted.has(e.name.toLowerCase()));
}
