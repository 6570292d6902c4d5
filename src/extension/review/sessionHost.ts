// Where review sessions show things in the editor: panels, notifications, output channels, the
// status bar, history and the open findings. The sessions themselves (reviewSession.ts) know only
// these small interfaces, so they are tested without VS Code.
import * as vscode from 'vscode';
import { redact } from '../../core';
import type { ReviewWebviewMessage } from '../../shared/protocol';
import { readSettings } from '../config';
import { isSimulated } from '../connection';
import { providerOfRun } from '../providerSettings';
import type { Services } from '../services';
import type { CostStatusBar } from './costStatusBar';
import type { ExpertChannels } from './expertChannels';
import { GatherNotification } from './gatherNotification';
import type { OpenFindings } from './openFindings';
import { placePanel } from './panelPlacement';
import { ReviewPanel } from './reviewPanel';
import { showCapReached, showExpertProblems } from './reviewNotices';
import type { ReviewHistory } from './reviewHistory';
import { ReviewProgress } from './reviewProgress';
import type { RegistryHost } from './reviewSessions';
import type { DailySpend } from '../budget/dailySpend';

export interface EditorHostParts {
  services: Services;
  findings: OpenFindings;
  history: ReviewHistory;
  spend: DailySpend;
  channels: ExpertChannels;
  statusBar: CostStatusBar;
  /** A panel's buttons (panelMessages.ts). */
  onPanelMessage: (message: ReviewWebviewMessage, panel: ReviewPanel) => void;
}

export function editorHost(parts: EditorHostParts): RegistryHost {
  const { services } = parts;
  return {
    createPanel: (snapshot, column, onDispose, restored) => {
      const placement = placePanel(readSettings()['review.panelLocation'], column);
      const panel = new ReviewPanel(
        services.context.extensionUri,
        snapshot,
        parts.onPanelMessage,
        onDispose,
        placement.column,
        restored as vscode.WebviewPanel | undefined,
      );
      if (!restored) placement.settle();
      return panel;
    },
    gathering: (title, abort) => new GatherNotification(title, abort),
    progress: (title, experts, abort) => new ReviewProgress(title, experts, abort),
    channel: (name) => parts.channels.get(name),
    statusBar: parts.statusBar,
    spentToday: () => parts.spend.spentToday(),
    history: parts.history,
    findings: parts.findings,
    notices: { capReached: showCapReached, expertProblems: showExpertProblems },
    redact: (text) => redact(text, services.keys.known()),
    logger: services.logger,
    get simulated() {
      return isSimulated();
    },
    get provider() {
      return providerOfRun(readSettings()).provider;
    },
  };
}

/** Open findings live in workspace folders: a finding's document is its folder joined with its path. */
export const locateFinding = (root: string, file: string): string =>
  vscode.Uri.joinPath(vscode.Uri.parse(root), file).toString();
