// The review feature's command table (extension.ts registers REVIEW_COMMANDS and loads this module on
// first use). It builds the parts every command shares once: the workspace's open findings with
// Problems and comment threads as their views, the open review sessions, history and today's spend.
// Each command is one call into a small file: startReview, findingActions, expertCommands,
// reviewArchive, threadActions; panel buttons go through panelMessages.
import * as vscode from 'vscode';
import type { ExpertDefinition, SweepOutcome } from '../../review';
import { DailySpend } from '../budget/dailySpend';
import { pickerEstimate } from '../budget/pickerEstimate';
import { readSettings } from '../config';
import type { Services } from '../services';
import { CostStatusBar } from './costStatusBar';
import { lineLengthBefore, textEdits } from './editTracking';
import { ExpertChannels } from './expertChannels';
import { loadExperts, pickExperts } from './expertCatalog';
import { addExpert, stopOneExpert } from './expertCommands';
import { dismiss } from './findingActions';
import { FindingsDiagnostics } from './findingsDiagnostics';
import { FindingThreads } from './findingThreads';
import { applyFix, previewFix } from './fixActions';
import { resolveGitScope, type ScopeKind } from './gitScopePicks';
import { OpenFindings } from './openFindings';
import { onPanelMessage } from './panelMessages';
import { exportReview, reopen, restorePanel } from './reviewArchive';
import type { ReviewCommand } from './reviewCommands';
import { ReviewHistory } from './reviewHistory';
import type { ReviewParts } from './reviewParts';
import { ReviewSessions } from './reviewSessions';
import type { ReviewSnapshot } from './reviewSnapshot';
import { assertAllowedInRestrictedMode, resolveReviewTarget, TargetError, type ResolvedTarget } from './reviewTargets';
import { editorHost, locateFinding } from './sessionHost';
import { showSweep } from '../sweep/sweepSession';
import { startReview, type ReviewRun, type ReviewRunOptions } from './startReview';
import { replyToThread, threadOf } from './threadActions';

export type { ReviewRunOptions };

export class ReviewController implements vscode.Disposable {
  private readonly parts: ReviewParts;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    const { workspaceState, globalState } = services.context;
    const findings = new OpenFindings(workspaceState, { locate: locateFinding, secrets: () => services.keys.known() });
    const history = new ReviewHistory(
      workspaceState,
      services.logger,
      (m) => void vscode.window.showWarningMessage(m),
      () => services.keys.known(),
    );
    const spend = new DailySpend(globalState);
    const channels = new ExpertChannels();
    const statusBar = new CostStatusBar();
    const sessions = new ReviewSessions(
      editorHost({
        services,
        findings,
        history,
        spend,
        channels,
        statusBar,
        onPanelMessage: (message, panel) => void onPanelMessage(this.parts, message, panel),
      }),
    );
    const threads = new FindingThreads(findings);
    this.parts = { services, findings, sessions, history, spend, threads };
    this.disposables.push(
      new FindingsDiagnostics(findings),
      threads,
      channels,
      statusBar,
      history,
      sessions,
      { dispose: () => findings.dispose() },
      // Open findings move with the text; VS Code does not move diagnostics or threads.
      vscode.workspace.onDidChangeTextDocument((event) => {
        const edits = textEdits(event);
        findings.follow(event.document.uri.toString(), edits, (line) => lineLengthBefore(event.document, line, edits));
      }),
    );
  }

  /** Runs one of REVIEW_COMMANDS. */
  async run(command: ReviewCommand, args: unknown[]): Promise<unknown> {
    const [a, b] = args;
    const { parts } = this;
    switch (command) {
      case 'claudeMultiAgent.review':
        return this.reviewFromCommand(a, b);
      case 'claudeMultiAgent.reviewChanges':
        return this.reviewGitScope('uncommitted', args);
      case 'claudeMultiAgent.reviewStaged':
        return this.reviewGitScope('staged', args);
      case 'claudeMultiAgent.reviewBranch':
        return this.reviewGitScope('base', args);
      case 'claudeMultiAgent.reviewCommit':
        return this.reviewGitScope('commit', args);
      case 'claudeMultiAgent.clearFindings':
        return parts.findings.clear();
      case 'claudeMultiAgent.selectExperts':
        return this.pickExpertsWithEstimate();
      case 'claudeMultiAgent.reopenReview':
        return reopen(parts, typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.exportReview':
        return exportReview(parts, typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.applyFix':
        return applyFix(parts, a, b);
      case 'claudeMultiAgent.previewFix':
        return previewFix(parts, a, b);
      case 'claudeMultiAgent.dismissFinding':
        return dismiss(parts, a, b);
      case 'claudeMultiAgent.threadApplyFix': {
        const on = threadOf(parts.threads, a);
        return on && applyFix(parts, on.uri, on.finding.id);
      }
      case 'claudeMultiAgent.threadPreviewFix': {
        const on = threadOf(parts.threads, a);
        return on && previewFix(parts, on.uri, on.finding.id);
      }
      case 'claudeMultiAgent.threadDismiss': {
        const on = threadOf(parts.threads, a);
        return on && dismiss(parts, on.uri, on.finding.id);
      }
      case 'claudeMultiAgent.threadReply':
        return replyToThread(parts.findings, parts.threads, a);
      case 'claudeMultiAgent.addExpert':
        return addExpert(parts, typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.stopExpert':
        return stopOneExpert(parts, a, b);
    }
  }

  /** Runs the review command; resolves when the review has finished (tests await this). */
  async reviewFromCommand(clicked?: unknown, selected?: unknown): Promise<ReviewSnapshot | undefined> {
    let resolved: ResolvedTarget;
    try {
      resolved = resolveReviewTarget(clicked, selected);
      await assertAllowedInRestrictedMode(resolved.target);
    } catch (err) {
      void vscode.window.showWarningMessage((err as Error).message);
      if (!(err instanceof TargetError)) this.services.logger.error(String(err));
      return undefined;
    }
    return (await startReview(this.parts, resolved)).snapshot;
  }

  /**
   * Reviews an already resolved target in a session of its own (panel, progress, Problems, history,
   * cost), passing every event on to `options.onEvent` as well. For the editor's chat and the
   * language-model tools; resolves when the review has finished or stopped.
   */
  async reviewResolved(resolved: ResolvedTarget, options: ReviewRunOptions = {}): Promise<ReviewRun> {
    await assertAllowedInRestrictedMode(resolved.target);
    return startReview(this.parts, resolved, options);
  }

  /** A git scope (uncommitted, staged, a branch, a commit or range): refused in an untrusted workspace. */
  private async reviewGitScope(kind: ScopeKind, args: readonly unknown[]): Promise<ReviewSnapshot | undefined> {
    const resolved = await resolveGitScope(kind, args, this.services.context.workspaceState);
    return resolved && (await startReview(this.parts, resolved)).snapshot;
  }

  private async pickExpertsWithEstimate(): Promise<ExpertDefinition[] | undefined> {
    const settings = readSettings();
    return pickExperts(this.services.context.workspaceState, await loadExperts(settings), (experts) =>
      pickerEstimate(experts, settings),
    );
  }

  /**
   * A finished workspace sweep, shown as a review: its panel, Problems and comment threads, history
   * (so it exports and reopens like any review). `priced`: "at the batch price" or why not.
   */
  async showSweep(outcome: SweepOutcome, root: vscode.Uri, priced: string): Promise<ReviewSnapshot | undefined> {
    // A sweep is spent like a review: today's total (the status bar, the daily cap) counts it.
    await this.parts.spend.add(outcome.cost.usd ?? 0);
    const session = await showSweep(outcome, {
      sessions: this.parts.sessions,
      findings: this.parts.findings,
      rootUri: root.toString(),
      rootPath: root.fsPath,
      minConfidence: readSettings()['review.minConfidence'],
      priced,
    });
    return session.snapshot;
  }

  /** A review panel VS Code restored after a reload shows its review again (extension.ts's serializer). */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): void {
    restorePanel(this.parts, panel, state);
  }

  /** Aborts every running review (as each one's Cancel would). */
  cancelAll(): void {
    this.parts.sessions.cancelAll();
  }

  get runningCount(): number {
    return this.parts.sessions.running().length;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export type { ResolvedTarget };
