// What the editor tells the user about a review beyond its panel: why it did not start, how it
// ended, a spending cap reached mid-run, expert definitions that could not be read.
import * as vscode from 'vscode';
import type { ExpertProblem, ReviewOutcome, ReviewStopReason } from '../../review';

/** A review stopped before any request: say why, with the way out when there is one. */
export async function explainStop(reason: ReviewStopReason, message: string): Promise<void> {
  switch (reason) {
    case 'noExperts': {
      const choice = await vscode.window.showWarningMessage(message, 'Choose experts…');
      if (choice) await vscode.commands.executeCommand('claudeMultiAgent.selectExperts');
      break;
    }
    case 'nothingToReview': {
      const choice = await vscode.window.showWarningMessage(message, 'Open settings');
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent');
      break;
    }
    case 'unreadable':
      void vscode.window.showErrorMessage(message);
      break;
    case 'overBudget':
      void vscode.window.showInformationMessage(message);
      break;
    case 'noApiAccess': // connect() has already offered to set a key
    case 'cancelled':
      break;
  }
}

/** How a run ended, when that is worth a notification: a cancel, failed experts, a refused key. */
export function notifyOutcome(outcome: ReviewOutcome, redact: (text: string) => string): void {
  if (outcome.status === 'cancelled') {
    void vscode.window.showInformationMessage(
      outcome.findingsFrom.length
        ? `Review cancelled. The findings of ${outcome.findingsFrom.join(', ')}, which had finished, are in Problems; the rest of what was written is in the review panel.`
        : 'Review cancelled. What the experts had written is kept in the review panel.',
    );
    return;
  }
  if (!outcome.message) return;
  const kinds = new Set(outcome.experts.map((r) => r.errorKind).filter(Boolean));
  const actions =
    kinds.has('authentication') || kinds.has('missingKey')
      ? ['Set API key']
      : kinds.has('notFound')
        ? ['Choose model']
        : kinds.has('tooLarge')
          ? ['Lower context budget']
          : [];
  const show = outcome.status === 'failed' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  void show(redact(outcome.message), ...actions).then((choice) => {
    if (choice === 'Set API key') void vscode.commands.executeCommand('claudeMultiAgent.setApiKey');
    if (choice === 'Choose model')
      void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.model');
    if (choice === 'Lower context budget')
      void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.contextTokenBudget');
  });
}

/** A spending cap stopped a run: say so, with a way to the caps. */
export function showCapReached(message: string): void {
  void vscode.window.showWarningMessage(message, 'Change caps…').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.budget');
  });
}

export function showExpertProblems(problems: readonly ExpertProblem[]): void {
  const detail = problems.map((p) => `${p.source}: ${p.reason}`).join('\n');
  void vscode.window
    .showWarningMessage(
      `${problems.length} expert definition(s) could not be loaded; the others run.`,
      { detail },
      'Show log',
    )
    .then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.action.output.show.claudeMultiAgent');
    });
}
