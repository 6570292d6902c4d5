// Where a new review panel opens (claudeMultiAgent.review.panelLocation). VS Code splits a group in half,
// which leaves the code about 380 px on a laptop: when the panel made a second group beside (or below)
// the only one, the layout gives the code two thirds and the panel one.
import * as vscode from 'vscode';
import type { PanelLocation } from '../settingsSchema';

/** The code's share of the width (beside) or height (below) once the panel has its own group. */
export const CODE_SHARE = { beside: 0.66, below: 0.6 } as const;

export interface Placement {
  column: vscode.ViewColumn;
  /** After the panel is created: sizes the groups when it opened a new one next to the only one. */
  settle(): void;
}

/**
 * `besideColumn`: the group of the newest open review panel, where a new one goes whatever the setting
 * (the user may have moved it; nothing is resized then).
 */
export function placePanel(location: PanelLocation, besideColumn: vscode.ViewColumn | undefined): Placement {
  if (besideColumn !== undefined) return { column: besideColumn, settle: () => {} };
  if (location === 'active') return { column: vscode.ViewColumn.Active, settle: () => {} };
  const groupsBefore = vscode.window.tabGroups.all.length;
  return {
    column: vscode.ViewColumn.Beside,
    settle: () => {
      // Only the simple case: one group of code, and the panel's new group. Any other layout is the user's.
      if (groupsBefore !== 1) return;
      const resize = () =>
        void vscode.commands.executeCommand('vscode.setEditorLayout', {
          orientation: location === 'below' ? 1 : 0,
          groups: [{ size: CODE_SHARE[location] }, { size: 1 - CODE_SHARE[location] }],
        });
      if (vscode.window.tabGroups.all.length === 2) return resize();
      // The extension host learns of the new group a moment after the panel is created.
      const watch = vscode.window.tabGroups.onDidChangeTabGroups(() => {
        if (vscode.window.tabGroups.all.length < 2) return;
        stop();
        if (vscode.window.tabGroups.all.length === 2) resize();
      });
      const timer = setTimeout(() => stop(), GROUP_WAIT_MS);
      const stop = () => {
        clearTimeout(timer);
        watch.dispose();
      };
    },
  };
}

/** How long the panel's new group may take to show up in the extension host before the layout is left as it is. */
const GROUP_WAIT_MS = 5000;
