import * as vscode from 'vscode';
import { formatUsd } from '../../core';
import type { CostView } from '../../shared/protocol';

const RUNNING_REFRESH_MS = 250;

/**
 * Today's spend on reviews in the status bar (the number a daily budget is about); the last review's
 * cost, tokens and cache savings in its tooltip. Clicking opens the extension's menu (the chat, reopening
 * a review, the model, the key).
 */
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

  /** While a review streams: today's spend with its cost so far, and that cost in the tooltip. */
  showRunning(usd: number, savedUsd: number, today: number): void {
    // Experts report cost every few tokens; the status bar (one IPC call per change) needs a few a second.
    const now = Date.now();
    if (now - this.lastRunningAt < RUNNING_REFRESH_MS) return;
    this.lastRunningAt = now;
    this.item.text = `$(organization) $(sync~spin) ${todayText(today)}`;
    this.item.tooltip = new vscode.MarkdownString(
      `${todayLine(today)}\n\n**Running review:** ${formatUsd(usd)} so far${savedUsd > 0 ? `; caching saved ${formatUsd(savedUsd)}` : ''}.`,
    );
    this.item.show();
  }

  /** A finished review: today's spend (the review included); the review's own figures in the tooltip. */
  show(cost: CostView, running: boolean, spentToday?: number): void {
    this.lastRunningAt = -Infinity;
    const u = cost.usage;
    const spin = running ? '$(sync~spin) ' : '';
    this.item.text = `$(organization) ${spin}${spentToday !== undefined ? todayText(spentToday) : cost.cost}`;
    this.item.tooltip = new vscode.MarkdownString(
      `${spentToday !== undefined ? `${todayLine(spentToday)}\n\n` : ''}**Last review:** ${cost.cost}${cost.saved ? `; caching saved ${cost.saved}` : ''}\n\n| tokens | |\n|---|---:|\n| input | ${u.input} |\n| output | ${u.output} |\n| cache write | ${u.cacheWrite} |\n| cache read | ${u.cacheRead} |`,
    );
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

const todayText = (usd: number): string => `${formatUsd(usd)} today`;
const todayLine = (usd: number): string => `**Claude Multi-Agent:** spent on reviews today ${formatUsd(usd)}.`;
