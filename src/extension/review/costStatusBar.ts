import * as vscode from 'vscode';
import { formatUsd } from '../../core';
import type { CostView } from '../../shared/protocol';

const RUNNING_REFRESH_MS = 250;

/** The latest review's cost in the status bar; clicking opens the extension's menu (chat, reviews, model, key). */
export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'claudeMultiAgent.cost',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private lastRunningAt = -Infinity;

  constructor() {
    this.item.name = 'Claude Multi-Agent cost';
    this.item.command = 'claudeMultiAgent.menu';
  }

  /** While a review streams: its running total and what caching saved so far. */
  showRunning(usd: number, savedUsd: number, spentToday: number): void {
    // Experts report cost every few tokens; the status bar (one IPC call per change) needs a few a second.
    const now = Date.now();
    if (now - this.lastRunningAt < RUNNING_REFRESH_MS) return;
    this.lastRunningAt = now;
    this.item.text = `$(organization) $(sync~spin) ${formatUsd(usd)}${savedUsd > 0 ? ` (saved ${formatUsd(savedUsd)})` : ''}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Claude Multi-Agent review** (running)\n\nSo far ${formatUsd(usd)}${savedUsd > 0 ? `; caching saved ${formatUsd(savedUsd)}` : ''}.\n\n${todayLine(spentToday + usd)}`,
    );
    this.item.show();
  }

  show(cost: CostView, running: boolean, spentToday?: number): void {
    this.lastRunningAt = -Infinity;
    const u = cost.usage;
    this.item.text = `$(organization) ${running ? '$(sync~spin) ' : ''}${cost.cost}${cost.saved ? ` (saved ${cost.saved})` : ''}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Claude Multi-Agent review**\n\n| | tokens |\n|---|---:|\n| input | ${u.input} |\n| output | ${u.output} |\n| cache write | ${u.cacheWrite} |\n| cache read | ${u.cacheRead} |\n\nEstimated cost ${cost.cost}${cost.saved ? `; caching saved ${cost.saved}` : ''}.${spentToday !== undefined ? `\n\n${todayLine(spentToday)}` : ''}`,
    );
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

const todayLine = (usd: number): string => `Spent on reviews today: ${formatUsd(usd)}.`;
