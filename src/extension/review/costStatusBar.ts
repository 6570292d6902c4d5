import * as vscode from 'vscode';
import type { CostView } from '../../shared/protocol';

/** The latest review's cost in the status bar; clicking reopens that review. */
export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('claudeMultiAgent.cost', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Claude Multi-Agent cost';
    this.item.command = 'claudeMultiAgent.reopenReview';
  }

  show(cost: CostView, running: boolean): void {
    const u = cost.usage;
    this.item.text = `$(organization) ${running ? '$(sync~spin) ' : ''}${cost.cost}${cost.saved ? ` (saved ${cost.saved})` : ''}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Claude Multi-Agent review**\n\n| | tokens |\n|---|---:|\n| input | ${u.input} |\n| output | ${u.output} |\n| cache write | ${u.cacheWrite} |\n| cache read | ${u.cacheRead} |\n\nEstimated cost ${cost.cost}${cost.saved ? `; caching saved ${cost.saved}` : ''}.`,
    );
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
