// The walkthrough's buttons ("Get started with Claude Multi-Agent", contributes.walkthroughs): each does
// its step for real, on the sample workspace `npm start` opens (its src/orders.ts, its feature branch),
// or on the open file in any other workspace. They run the product's own commands, so what a step
// shows is what the command palette, the editor menu and the chat do.
import * as vscode from 'vscode';
import { followUpChat } from '../chat/registerChat';

/** The walkthrough's id in package.json. */
export const WALKTHROUGH_ID = 'firstRun';
/** The sample workspace's file with a bug and a suggested fix (test/e2e/fixtures/sample-workspace). */
export const SAMPLE_FILE = 'src/orders.ts';
export const FOLLOW_UP_QUESTION = 'Which finding should I fix first, and how?';
export const SAMPLE_TASK = 'Fix the off-by-one loop in revenue() in src/orders.ts and add a unit test for it';

export const TOUR_COMMANDS = {
  reviewFile: 'claudeMultiAgent.tour.reviewFile',
  reviewBranch: 'claudeMultiAgent.tour.reviewBranch',
  askFollowUp: 'claudeMultiAgent.tour.askFollowUp',
  askExperts: 'claudeMultiAgent.tour.askExperts',
  delegate: 'claudeMultiAgent.tour.delegate',
  open: 'claudeMultiAgent.tour.open',
} as const;

async function sampleFile(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, SAMPLE_FILE);
  return vscode.workspace.fs.stat(uri).then(
    () => uri,
    () => undefined,
  );
}

/** The sample's file, else the file in the active editor; undefined (after saying what to do) with neither. */
async function stepFile(): Promise<vscode.Uri | undefined> {
  const uri = (await sampleFile()) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) void vscode.window.showInformationMessage('Open a file first, then press the button again.');
  return uri;
}

async function showFile(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.One });
}

async function reviewFile(): Promise<void> {
  const uri = await stepFile();
  if (!uri) return;
  await showFile(uri);
  await vscode.commands.executeCommand('claudeMultiAgent.review', uri);
}

async function askFollowUp(): Promise<void> {
  const uri = await stepFile();
  if (!uri) return;
  await vscode.commands.executeCommand('claudeMultiAgent.openChat');
  await (await followUpChat()).replyAbout(FOLLOW_UP_QUESTION, uri);
}

/** `@experts /review` in VS Code's own chat, on the sample file (the participant reviews the open file). */
async function askExperts(): Promise<void> {
  const uri = await stepFile();
  if (!uri) return;
  await showFile(uri);
  try {
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@experts /review' });
  } catch {
    void vscode.window.showInformationMessage(
      "VS Code's chat is off here: turn off the setting chat.disableAIFeatures to use @experts.",
    );
  }
}

async function delegate(): Promise<void> {
  const sample = await sampleFile();
  if (sample) await showFile(sample);
  await vscode.commands.executeCommand('claudeMultiAgent.delegate', sample ? SAMPLE_TASK : undefined);
}

export function openWalkthrough(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}

export function registerTourCommands(extensionId: string): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(TOUR_COMMANDS.reviewFile, reviewFile),
    vscode.commands.registerCommand(TOUR_COMMANDS.reviewBranch, () =>
      vscode.commands.executeCommand('claudeMultiAgent.reviewBranch'),
    ),
    vscode.commands.registerCommand(TOUR_COMMANDS.askFollowUp, askFollowUp),
    vscode.commands.registerCommand(TOUR_COMMANDS.askExperts, askExperts),
    vscode.commands.registerCommand(TOUR_COMMANDS.delegate, delegate),
    vscode.commands.registerCommand(TOUR_COMMANDS.open, () => openWalkthrough(extensionId)),
  ];
}
