// One list from the three sources. Ids are slugs of names, so a settings or agent-file expert named
// like a built-in ("Security") replaces it in place: that is how users tune a built-in. Agent files
// override settings, which override built-ins (the more specific source wins, as in Claude Code).
// Within one source the first definition of an id wins and the rest are reported.
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
  for (const layer of [builtins, settings, files]) {
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
