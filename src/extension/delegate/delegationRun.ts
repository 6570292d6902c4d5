// One delegation in the editor, step by step: run the subtasks and the integration under a cancellable
// notification (what they show is DelegationView's), then the cost and outcome, then what follows: the
// change set reviewed file by file in the multi-file diff editor, or the answer offered as a document.
import * as vscode from 'vscode';
import { describeFileContext, type FileContext } from '../../chat';
import { addCosts, redact, sumUsage, type ClaudeResult, type ClientConfig } from '../../core';
import {
  runDelegation,
  type AgentWorkspace,
  type ChangeSet,
  type DelegationResult,
  type Subtask,
} from '../../delegate';
import { INTEGRATION_SECTION } from '../../shared/protocol';
import { costLine, toCostView } from '../costView';
import { priceTable } from '../prices';
import type { Services } from '../services';
import type { Settings } from '../settingsSchema';
import { ChangeSetReview } from './changeSetReview';
import type { DelegationChanges } from './changeSetView';
import type { DelegatePanel } from './delegatePanel';
import { DelegationView } from './delegationView';
import { short } from './planPicker';
import type { SubtaskChannels } from './subtaskChannels';

export interface RunRequest {
  task: string;
  context: FileContext | undefined;
  subtasks: Subtask[];
  /** The planner's call, billed with the run. */
  planner: ClaudeResult;
  settings: Settings;
  client: ClientConfig;
  /** Sub-agents read this workspace and propose edits to it; without it the subtasks are plain calls. */
  workspace?: AgentWorkspace;
}

export class DelegationRun {
  /** Aborts every request of the run (Cancel, the panel closed, the extension stopping). */
  readonly controller = new AbortController();
  private readonly stops: AbortController[];
  private readonly view: DelegationView;
  private result: DelegationResult | undefined;
  private review: (() => Promise<void>) | undefined;

  constructor(
    private readonly services: Services,
    channels: SubtaskChannels,
    private readonly request: RunRequest,
    private readonly changes: DelegationChanges,
  ) {
    const { task, subtasks, workspace } = request;
    this.stops = subtasks.map(() => new AbortController());
    this.view = new DelegationView(
      services,
      channels,
      { task, subtasks, agents: workspace !== undefined, cancelled: () => this.controller.signal.aborted },
      {
        cancel: () => this.controller.abort(),
        stopSubtask: (id) => this.stops[subtasks.findIndex((s) => s.id === id)]?.abort(),
        reviewChanges: () => void this.review?.(),
        openResult: () => void openResult(task, this.result?.integration.text ?? this.panel.text(INTEGRATION_SECTION)),
        // Closing the panel stops the run: nothing would show its results any more.
        closed: () => this.controller.abort(),
      },
    );
  }

  private get panel(): DelegatePanel {
    return this.view.panel;
  }

  /** Runs it to the end (never rejects for API failures or cancellation: the panel says what happened). */
  async run(): Promise<void> {
    const result = await this.runWithProgress();
    if (!result) return;
    this.report(result);
    if (this.panel.isOpen) await this.followUp(result);
  }

  private async runWithProgress(): Promise<DelegationResult | undefined> {
    const { task, subtasks, settings, client, context, workspace } = this.request;
    try {
      this.result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Claude Multi-Agent: delegating', cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => this.controller.abort());
          this.view.progress = progress;
          progress.report({ message: this.view.doneCount() });
          try {
            return await runDelegation({
              task,
              subtasks,
              client,
              model: settings.model,
              maxWorkers: settings.maxConcurrency,
              maxTokens: settings.maxTokens,
              strategy: settings.fanOutStrategy,
              signal: this.controller.signal,
              logger: this.services.logger,
              prices: priceTable(settings),
              ...(context?.included && { contextText: context.systemText }),
              ...(workspace && { workspace, stopSignals: this.stops.map((c) => c.signal) }),
              onEvent: (event) => this.view.apply(event),
            });
          } finally {
            sub.dispose();
            this.view.progress = undefined;
          }
        },
      );
      return this.result;
    } catch (err) {
      const message = this.clean(err instanceof Error ? err.message : String(err));
      this.services.logger.error(`Delegation: ${message}`);
      this.panel.finish('failed', message);
      return undefined;
    }
  }

  /** The run's cost (the planner's call included) and outcome, on the panel and in the log. */
  private report(result: DelegationResult): void {
    const { planner, context, task } = this.request;
    const costView = toCostView(sumUsage([planner.usage, result.usage]), addCosts([planner.cost, result.cost]));
    this.panel.setCost(costView);
    const notes = [context ? describeFileContext(context) : undefined].filter((n): n is string => Boolean(n));
    this.panel.finish(result.status, this.clean([result.message, ...notes].join(' ')));
    this.services.logger.info(
      `Delegation "${short(task, 60)}": ${result.status}. ${this.clean(result.message)} ` + costLine(costView),
    );
  }

  /** The change set goes to the multi-file diff editor and the changes view; otherwise the answer is offered as a document. */
  private async followUp(result: DelegationResult): Promise<void> {
    const { workspace, task } = this.request;
    const changeSet = result.changeSet;
    if (workspace && changeSet && changeSet.edits.length > 0 && result.status !== 'cancelled') {
      const header = changeSetHeader(changeSet);
      for (const c of changeSet.conflicts) this.services.logger.warn(this.clean(`Delegation conflict: ${c.message}`));
      const review = await ChangeSetReview.open(workspace.root, `Delegation: ${short(task, 60)}`, changeSet, {
        report: (summary, pending) => {
          this.panel.setChanges(`${header} ${summary}`, pending > 0);
          this.services.logger.info(this.clean(`Delegation "${short(task, 60)}": ${summary}`));
        },
        warn: (m) => this.services.logger.warn(this.clean(m)),
      });
      if (!review.files.length) {
        this.panel.setChanges(`${header} None can be written (see the log).`, false);
        return;
      }
      this.panel.setChanges(`${header} Review them in the diff editor: accept or discard each file.`, true);
      this.review = () => this.changes.show(review);
      return this.review();
    }
    if (result.status === 'completed') {
      const choice = await vscode.window.showInformationMessage(
        `Delegation done: ${result.message}`,
        'Open as Markdown',
      );
      if (choice) await openResult(task, result.integration.text);
    } else if (result.status === 'failed') {
      void vscode.window.showWarningMessage(`Delegation: ${this.clean(result.message)}`);
    }
  }

  private clean(text: string): string {
    return redact(text, this.services.keys.known());
  }
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** "3 proposed edits in 2 files. 1 conflicting edit was left out." */
function changeSetHeader(changeSet: ChangeSet): string {
  const conflicts = changeSet.conflicts.length
    ? ` ${plural(changeSet.conflicts.length, 'conflicting edit was', 'conflicting edits were')} left out.`
    : '';
  return `${plural(changeSet.edits.length, 'proposed edit')} in ${plural(changeSet.files.length, 'file')}.${conflicts}`;
}

/** The integrated answer as an untitled Markdown document. */
async function openResult(task: string, text: string): Promise<void> {
  if (!text.trim()) {
    void vscode.window.showInformationMessage('There is no integrated answer yet.');
    return;
  }
  const content = /^#\s/.test(text.trimStart()) ? text : `# ${short(task, 100)}\n\n${text}`;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Active });
}
