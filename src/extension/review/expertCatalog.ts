import * as vscode from 'vscode';
import {
  BUILTIN_EXPERTS,
  expertsNamed,
  MAX_AGENT_BODY_BYTES,
  mergeExperts,
  parseAgentFile,
  parseSettingsExperts,
  selectExperts,
  type ExpertDefinition,
  type ExpertProblem,
} from '../../review';
import type { Settings } from '../settingsSchema';

const SELECTED_KEY = 'claudeMultiAgent.selectedExperts';

export interface ExpertCatalog {
  all: ExpertDefinition[];
  problems: ExpertProblem[];
}

/**
 * Built-ins, the user's settings, and the workspace's `.claude/agents/*.md` (Claude Code's subagent
 * format). Agent files are read only in a trusted workspace: they are instructions from the repository.
 */
export async function loadExperts(settings: Settings): Promise<ExpertCatalog> {
  const fromSettings = parseSettingsExperts(settings.experts);
  const fromFiles: ExpertDefinition[] = [];
  const problems: ExpertProblem[] = [...fromSettings.problems];
  if (vscode.workspace.isTrusted) {
    const files = await vscode.workspace.findFiles('.claude/agents/*.md', undefined, 100);
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    for (const uri of files) {
      try {
        // Not even read when far over the body limit (front matter is small).
        const { size } = await vscode.workspace.fs.stat(uri);
        if (size > MAX_AGENT_BODY_BYTES + 16 * 1024) {
          problems.push({
            source: vscode.workspace.asRelativePath(uri),
            reason: `the file is ${Math.ceil(size / 1024)} KiB; an agent file's body may be at most ${MAX_AGENT_BODY_BYTES / 1024} KiB`,
          });
          continue;
        }
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const parsed = parseAgentFile(vscode.workspace.asRelativePath(uri), text);
        if (parsed.ok) fromFiles.push(parsed.expert);
        else problems.push(parsed.problem);
      } catch (err) {
        problems.push({
          source: vscode.workspace.asRelativePath(uri),
          reason: `unreadable: ${(err as Error).message}`,
        });
      }
    }
  }
  const merged = mergeExperts(BUILTIN_EXPERTS, fromSettings.experts, fromFiles);
  return { all: merged.experts, problems: [...problems, ...merged.problems] };
}

/** The remembered choice; an explicit empty choice stays empty (the review then says so). */
export function rememberedExperts(state: vscode.Memento, catalog: ExpertCatalog): ExpertDefinition[] {
  const stored = state.get<string[]>(SELECTED_KEY);
  if (Array.isArray(stored) && stored.length === 0) return [];
  return selectExperts(catalog.all, stored);
}

/** The experts a review runs: the named ones (the editor's chat, a tool), else the workspace's remembered choice. */
export async function chooseExperts(
  state: vscode.Memento,
  settings: Settings,
  only?: readonly string[],
): Promise<{ experts: ExpertDefinition[]; problems: ExpertProblem[] }> {
  const catalog = await loadExperts(settings);
  return {
    experts: only ? expertsNamed(catalog.all, only) : rememberedExperts(state, catalog),
    problems: catalog.problems,
  };
}

/**
 * A multi-select quick pick; the choice is remembered for this workspace. With `estimate`, the title
 * shows what a review of the active file with the picked experts would cost, updated as they change.
 */
export async function pickExperts(
  state: vscode.Memento,
  catalog: ExpertCatalog,
  estimate?: (experts: readonly ExpertDefinition[]) => string | undefined,
): Promise<ExpertDefinition[] | undefined> {
  const current = new Set(rememberedExperts(state, catalog).map((e) => e.id));
  const items = catalog.all.map((e) => ({
    label: e.name,
    description: typeof e.source === 'string' ? e.source : e.source.file,
    detail: e.description,
    expert: e,
  }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.canSelectMany = true;
  quickPick.items = items;
  quickPick.selectedItems = items.filter((i) => current.has(i.expert.id));
  quickPick.placeholder = 'The choice is remembered for this workspace';
  const title = (picked: readonly (typeof items)[number][]) => {
    const line = estimate?.(picked.map((p) => p.expert));
    quickPick.title = `Claude Multi-Agent: experts to run${line ? ` — ${line}` : ''}`;
  };
  title(quickPick.selectedItems);
  const picked = await new Promise<readonly (typeof items)[number][] | undefined>((resolve) => {
    quickPick.onDidChangeSelection(title);
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!picked) return undefined;
  await state.update(
    SELECTED_KEY,
    picked.map((p) => p.expert.id),
  );
  return picked.map((p) => p.expert);
}
