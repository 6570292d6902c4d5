// What a review panel's buttons do: each message goes to the session the panel shows (stop, retry,
// add, cancel) or to the finding actions (open, apply, dismiss, restore, ask), which change the open
// findings that every view shows.
import * as vscode from 'vscode';
import type { ReviewWebviewMessage } from '../../shared/protocol';
import { openModelLink } from '../webview/openLink';
import { addExpert, retryExpert } from './expertCommands';
import { askFollowUp, dismiss, findingIn, openFinding, restore } from './findingActions';
import { applyFix, previewFix } from './fixActions';
import { exportReview } from './reviewArchive';
import type { ReviewParts } from './reviewParts';

export async function onPanelMessage(parts: ReviewParts, message: ReviewWebviewMessage, panel: object): Promise<void> {
  const session = parts.sessions.ofPanel(panel);
  const snapshot = session?.snapshot;
  if (!session || !snapshot) return;
  const fileOf = (id: string) => {
    const finding = findingIn(snapshot, id);
    return finding && vscode.Uri.joinPath(vscode.Uri.parse(snapshot.rootUri), finding.file);
  };
  switch (message.type) {
    case 'stopExpert':
      session.stopExpert(message.sectionId);
      break;
    case 'retryExpert':
      await retryExpert(parts, session, message.sectionId);
      break;
    case 'addExpert':
      await addExpert(parts, undefined, session);
      break;
    case 'cancel':
      session.cancel();
      break;
    case 'openFinding':
      await openFinding(parts, snapshot, message.findingId);
      break;
    case 'applyFix': {
      const uri = fileOf(message.findingId);
      if (uri) await applyFix(parts, uri, message.findingId, snapshot);
      break;
    }
    case 'previewFix': {
      const uri = fileOf(message.findingId);
      if (uri) await previewFix(parts, uri, message.findingId, snapshot);
      break;
    }
    case 'dismissFinding': {
      const uri = fileOf(message.findingId);
      if (uri) await dismiss(parts, uri, message.findingId, snapshot);
      break;
    }
    case 'restoreFinding':
      await restore(parts, message.findingId, snapshot);
      break;
    case 'askFollowUp':
      await askFollowUp(snapshot, message.findingId);
      break;
    case 'export':
      await exportReview(parts, snapshot.reviewId);
      break;
    case 'openLink':
      await openModelLink(message.href, (m) => parts.services.logger.warn(`Review: ${m}`));
      break;
    case 'copyText':
      await vscode.env.clipboard.writeText(message.text);
      break;
    case 'ready':
      break;
  }
}
