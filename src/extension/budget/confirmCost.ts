// Asks before a review whose estimate passes a spending cap. Modal: nothing is sent until answered.
import * as vscode from 'vscode';
import { formatEstimate, type ReviewEstimate } from '../../review';

export async function confirmCost(estimate: ReviewEstimate, reason: string): Promise<boolean> {
  const run = 'Run anyway';
  const choice = await vscode.window.showWarningMessage(
    reason,
    { modal: true, detail: `Estimate: ${formatEstimate(estimate)}.` },
    run,
    'Change caps…',
  );
  if (choice === 'Change caps…')
    void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.budget');
  return choice === run;
}
