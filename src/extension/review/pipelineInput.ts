// The editor's settings and workspace as the review pipeline takes them, built in one place for a
// review and for experts run on it later.
import * as vscode from 'vscode';
import { readGlobalGitExcludes } from '../../node';
import {
  isRulesKind,
  MAX_CONTEXT_GROUPS,
  type FileSource,
  type ReviewSettings,
  type RulesSettings,
} from '../../review';
import { priceTable } from '../prices';
import type { Settings } from '../settingsSchema';
import type { ResolvedTarget } from './reviewTargets';
import { vscodeWorkspaceFs } from './workspaceFsAdapter';

/** The settings as the pipeline takes them (the editor's settings of the same names fit as they are). */
export function reviewSettingsOf(settings: Settings): ReviewSettings {
  return {
    ...settings,
    prices: priceTable(settings),
    rules: rulesSettingsOf(settings),
    budget: { perRunUsd: settings['budget.perRun'], perDayUsd: settings['budget.perDay'] },
    changedLinesOnly: settings['review.changedLinesOnly'],
    minConfidence: settings['review.minConfidence'],
    verify: settings['review.verify'],
    // Over the budget, the change is split into context groups as on the command line: nothing left out.
    maxContextGroups: MAX_CONTEXT_GROUPS,
  };
}

/** The rules settings as the pipeline takes them; unknown kinds in settings.json are ignored. */
function rulesSettingsOf(settings: Settings): RulesSettings {
  return {
    kinds: settings['review.rulesFiles'].filter(isRulesKind),
    extraPaths: settings['review.extraRulesFiles'].filter((p) => typeof p === 'string'),
    budgetTokens: settings['review.rulesTokenBudget'],
  };
}

/**
 * The folder's files through VS Code's file system (remote and virtual workspaces too), with VS Code's
 * hidden-file globs and the user's global git excludes. Rules files steer the model: they are read
 * only in a trusted workspace, like .claude/agents, and for a git scope from its base.
 */
export async function fileSourceOf({ root, rulesAt }: Pick<ResolvedTarget, 'root' | 'rulesAt'>): Promise<FileSource> {
  const globalExcludes = await readGlobalGitExcludes().catch(() => undefined);
  return {
    fs: vscodeWorkspaceFs,
    root: root.fsPath,
    filesExclude: filesExcludeOf(root),
    trusted: vscode.workspace.isTrusted,
    ...(globalExcludes && { globalExcludes }),
    ...(rulesAt && { rulesAt }),
  };
}

/** VS Code's own hidden-file globs that are on, for gathering to honour. */
function filesExcludeOf(root: vscode.Uri): string[] {
  return Object.entries(vscode.workspace.getConfiguration('files', root).get<Record<string, boolean>>('exclude') ?? {})
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}
