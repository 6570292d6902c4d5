// "Delegate task to parallel agents…": task → optional code context → plan (approved and edited in a
// QuickPick) → subtasks in parallel, streamed to a panel and to one output channel each → integrated
// answer. One cancellable notification reports progress; Cancel aborts every request at once.
//
// Untrusted workspaces: only what the user explicitly picks (the selection or the open file) is
// sent, under the same content policy as the review; nothing else from the workspace is read.
import * as vscode from 'vscode';
import { describeFileContext, gatherFileContext, type FileContext } from '../../chat';
import {
  addCosts,
  ClaudeInvocationError,
  formatUsd,
  redact,
  retryNote,
  sumUsage,
  type ClaudeResult,
  type ClientConfig,
} from '../../core';
import {
  describeCall,
  describeProposal,
  maxSubtasksFor,
  openAgentWorkspace,
  planTask,
  runDelegation,
  toolsPrefixExtra,
  type AgentWorkspace,
  type ChangeSet,
  type DelegationResult,
  type ParsedPlan,
  type Subtask,
  type SubtaskOutcome,
} from '../../delegate';
import { INTEGRATION_SECTION, type AgentView, type RunStatus } from '../../shared/protocol';
import { readSettings } from '../config';
import { connect, isSimulated } from '../connection';
import type { Services } from '../services';
import type { Settings } from '../settingsSchema';
import { fileLabel, isChatDocument, workspaceRootFor } from '../chat/editorFiles';
import { policyInputs } from '../policy/policyInputs';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import { priceTable } from '../prices';
import { costLine, toCostView } from '../costView';
import { DelegatePanel } from './delegatePanel';
import { pickSubtasks, short } from './planPicker';
import { SubtaskChannels } from './subtaskChannels';
import { buildWorkspaceEdit, previewAndApply } from './changeSetEdit';

interface ContextChoice extends vscode.QuickPickItem {
  scope: 'selection' | 'file' | 'none';
}

function sectionStatus(o: SubtaskOutcome): { status: RunStatus; note?: string } {
  if (o.succeeded)
    return o.truncated ? { status: 'done', note: 'Cut off at the maxTokens limit.' } : { status: 'done' };
  if (o.status === 'interrupted') return { status: 'cancelled', note: 'Cancelled; the partial text is kept.' };
  if (o.status === 'notStarted') return { status: 'cancelled', note: 'Cancelled before it started.' };
  return { status: 'failed', note: o.reason ? capitalise(o.reason) : 'Failed.' };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class DelegateCommand implements vscode.Disposable {
  private readonly channels = new SubtaskChannels();
  private readonly runs = new Set<AbortController>();

  constructor(private readonly services: Services) {}

  /** `presetTask` comes from the editor chat's `/delegate <task>`; without it the task is asked for. */
  async run(presetTask?: string): Promise<void> {
    const task =
      presetTask?.trim() ||
      (await vscode.window.showInputBox({
        title: 'Delegate task to parallel agents',
        prompt:
          'Describe the task. It is split into independent subtasks that agents carry out in parallel, reading the workspace and proposing edits you review before anything changes; a last step integrates their results.',
        placeHolder: 'e.g. Add input validation, error messages and unit tests to the config parser',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim().length < 3 ? 'Describe the task in a few words.' : undefined),
      }));
    if (!task?.trim()) return;

    const settings = readSettings();
    const context = await this.chooseContext(settings);
    if (context === 'cancel') return;

    const client = await connect(this.services.keys, settings);
    if (!client) return;

    const workspace = await this.agentWorkspace(settings);
    const maxSubtasks = maxSubtasksFor(settings.maxConcurrency);
    const planned = await this.plan(
      task.trim(),
      context?.included ? context.systemText : undefined,
      maxSubtasks,
      settings,
      client,
      workspace !== undefined,
    );
    if (!planned) return;

    const subtasks = await pickSubtasks(planned.plan.subtasks, planned.plan.notes, task);
    if (!subtasks) return;

    await this.execute(task.trim(), context, subtasks, planned.result, settings, client, workspace);
  }

  /**
   * The workspace the sub-agents may read (through the content policy) and propose edits to: the first
   * folder on disk of a trusted workspace. Untrusted, the delegation stays text-only with what was picked.
   */
  private async agentWorkspace(settings: Settings): Promise<AgentWorkspace | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file' || !vscode.workspace.isTrusted) return undefined;
    return openAgentWorkspace({
      root: folder.uri.fsPath,
      fs: vscodeWorkspaceFs,
      exclude: settings.exclude,
      ...(await policyInputs(folder.uri)),
    });
  }

  /** Asks whether to include the selection or the file; the content policy decides whether it may be sent. */
  private async chooseContext(settings: Settings): Promise<FileContext | undefined | 'cancel'> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isChatDocument(editor.document)) return undefined;
    const doc = editor.document;
    const label = fileLabel(doc);
    const sel = editor.selection;
    const items: ContextChoice[] = [];
    if (!sel.isEmpty) {
      const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
      items.push({
        scope: 'selection',
        label: '$(selection) Include the selection',
        description: `${label}:${sel.start.line + 1}-${endLine}`,
      });
    }
    items.push(
      { scope: 'file', label: '$(file) Include the whole file', description: label },
      { scope: 'none', label: '$(circle-slash) No code context', description: 'The agents see only the task' },
    );
    const choice = await vscode.window.showQuickPick(items, {
      title: 'Code context for the agents',
      placeHolder: 'Files holding secrets, credential files such as .env and ignored files are never sent.',
      ignoreFocusOut: true,
    });
    if (!choice) return 'cancel';
    if (choice.scope === 'none') return undefined;

    let text = doc.getText();
    let startLine = 1;
    if (choice.scope === 'selection') {
      const start = new vscode.Position(sel.start.line, 0);
      const end =
        sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end : doc.lineAt(sel.end.line).range.end;
      text = doc.getText(new vscode.Range(start, end));
      startLine = sel.start.line + 1;
    }
    const root = workspaceRootFor(doc.uri);
    const gathered = await gatherFileContext({
      path: label,
      text,
      startLine,
      budgetTokens: settings.contextTokenBudget,
      exclude: settings.exclude,
      fs: vscodeWorkspaceFs,
      ...(doc.uri.scheme === 'file' && { filePath: doc.uri.fsPath }),
      ...(root !== undefined && { workspaceRoot: root, ...(await policyInputs(doc.uri)) }),
    });
    if (!gathered.included) {
      const go = await vscode.window.showWarningMessage(
        `${label} cannot be sent: ${gathered.reason}.`,
        { modal: true, detail: 'Continue without code context?' },
        'Continue without context',
      );
      return go ? undefined : 'cancel';
    }
    const note = describeFileContext(gathered);
    if (note) this.services.logger.info(`Delegation: ${note}`);
    return gathered;
  }

  /** The planner call under a cancellable progress notification. */
  private async plan(
    task: string,
    contextText: string | undefined,
    maxSubtasks: number,
    settings: Settings,
    client: ClientConfig,
    withTools: boolean,
  ): Promise<{ plan: ParsedPlan; result: ClaudeResult } | undefined> {
    try {
      const planned = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Claude Multi-Agent: planning subtasks…',
          cancellable: true,
        },
        async (_progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          try {
            return await planTask({
              task,
              maxSubtasks,
              client,
              model: settings.model,
              maxTokens: settings.maxTokens,
              signal: controller.signal,
              logger: this.services.logger,
              prices: priceTable(settings),
              ...(contextText && { contextText }),
              // The agents' tools in the planner's prefix: its cache entry of the context then serves them.
              ...(withTools && { extra: toolsPrefixExtra() }),
            });
          } finally {
            sub.dispose();
          }
        },
      );
      this.services.logger.info(`Delegation planner: ${planned.result.status}; ${formatUsd(planned.result.cost.usd)}.`);
      if (planned.result.status !== 'completed') return undefined; // cancelled by the user
      if (planned.plan.error || planned.plan.subtasks.length === 0) {
        this.services.logger.warn(
          `Delegation planner answer that could not be used:\n${this.clean(planned.result.text)}`,
        );
        const choice = await vscode.window.showErrorMessage(
          `Could not plan the task: ${planned.plan.error ?? 'no subtasks'}`,
          'Show log',
        );
        if (choice) void vscode.commands.executeCommand('workbench.action.output.show');
        return undefined;
      }
      return planned;
    } catch (err) {
      const message =
        err instanceof ClaudeInvocationError
          ? err.message
          : `Planning failed: ${err instanceof Error ? err.message : String(err)}`;
      this.services.logger.error(`Delegation planner: ${this.clean(message)}`);
      const actions =
        err instanceof ClaudeInvocationError && (err.kind === 'authentication' || err.kind === 'missingKey')
          ? ['Set API key']
          : [];
      const choice = await vscode.window.showErrorMessage(this.clean(message), ...actions);
      if (choice === 'Set API key') void vscode.commands.executeCommand('claudeMultiAgent.setApiKey');
      return undefined;
    }
  }

  private async execute(
    task: string,
    context: FileContext | undefined,
    subtasks: Subtask[],
    planner: ClaudeResult,
    settings: Settings,
    client: ClientConfig,
    workspace?: AgentWorkspace,
  ): Promise<void> {
    const controller = new AbortController();
    const stops = subtasks.map(() => new AbortController());
    const agents: AgentView[] = subtasks.map(() => ({ steps: [], proposals: [], running: true }));
    const showAgent = (i: number) => workspace && panel.agent(subtasks[i]!.id, agents[i]!);
    let review: (() => Promise<void>) | undefined;
    this.runs.add(controller);
    const title = `Delegation: ${short(task, 40)}`;
    let result: DelegationResult | undefined;
    const panel = new DelegatePanel(
      this.services.context.extensionUri,
      {
        task,
        title,
        sections: [
          ...subtasks.map((s) => ({ id: s.id, title: s.title })),
          { id: INTEGRATION_SECTION, title: 'Integration' },
        ],
        simulated: isSimulated(),
      },
      {
        cancel: () => controller.abort(),
        stopSubtask: (id) => stops[subtasks.findIndex((s) => s.id === id)]?.abort(),
        reviewChanges: () => void review?.(),
        openResult: () => void this.openResult(task, result?.integration.text ?? panel.text(INTEGRATION_SECTION)),
        // Closing the panel stops the run: nothing would show its results any more.
        closed: () => controller.abort(),
      },
      this.services.logger,
    );

    const stamp = new Date().toLocaleString();
    const channels = subtasks.map((s) => {
      const channel = this.channels.get(s.title);
      channel.appendLine(`\n── ${short(task, 80)} · ${stamp} ──`);
      channel.appendLine(`Instructions: ${s.instructions}\n`);
      return channel;
    });
    const notes = [context ? describeFileContext(context) : undefined].filter((n): n is string => Boolean(n));

    const total = subtasks.length;
    let finished = 0;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Claude Multi-Agent: delegating', cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => controller.abort());
          const step = 100 / (total + 1);
          progress.report({ message: `0 of ${total} done` });
          try {
            return await runDelegation({
              task,
              subtasks,
              client,
              model: settings.model,
              maxWorkers: settings.maxConcurrency,
              maxTokens: settings.maxTokens,
              strategy: settings.fanOutStrategy,
              signal: controller.signal,
              logger: this.services.logger,
              prices: priceTable(settings),
              ...(context?.included && { contextText: context.systemText }),
              ...(workspace && { workspace, stopSignals: stops.map((c) => c.signal) }),
              events: {
                onSubtaskStep: (i, step) => {
                  const agent = agents[i]!;
                  if (step.type === 'toolCall') {
                    agent.steps.push({ text: describeCall(step.call) });
                    channels[i]!.appendLine(`\n→ ${describeCall(step.call)}`);
                  } else if (step.isError) {
                    const error = this.clean(step.content.split('\n')[0] ?? '');
                    const last = [...agent.steps]
                      .reverse()
                      .find((s) => s.text === describeCall(step.call) && s.error === undefined);
                    if (last) last.error = error;
                    channels[i]!.appendLine(`  ✗ ${error}`);
                  }
                  showAgent(i);
                },
                onSubtaskProposal: (i, proposal) => {
                  agents[i]!.proposals.push(this.clean(describeProposal(proposal)));
                  showAgent(i);
                },
                onSubtaskStart: (i) => panel.update({ id: subtasks[i]!.id, status: 'streaming' }),
                onSubtaskText: (i, chunk) => {
                  panel.update({ id: subtasks[i]!.id, append: chunk });
                  channels[i]!.append(chunk);
                },
                onSubtaskRetry: (i, notice) =>
                  panel.update({
                    id: subtasks[i]!.id,
                    status: 'waiting',
                    note: this.clean(retryNote(notice)),
                  }),
                onSubtaskDone: (i, outcome) => {
                  finished++;
                  const { status, note } = sectionStatus(outcome);
                  panel.update({
                    id: subtasks[i]!.id,
                    status,
                    note: note ? this.clean(note) : '',
                    elapsedMs: outcome.elapsedMs,
                    outputTokens: outcome.usage.outputTokens,
                  });
                  channels[i]!.appendLine(`\n── ${status}${note ? `: ${this.clean(note)}` : ''} ──`);
                  const agent = agents[i]!;
                  agent.running = false;
                  agent.cost = formatUsd(outcome.cost.usd);
                  if (outcome.partial) agent.partial = outcome.partial;
                  showAgent(i);
                  progress.report({ message: `${finished} of ${total} done`, increment: step });
                },
                onIntegrationStart: () => {
                  panel.update({ id: INTEGRATION_SECTION, status: 'streaming' });
                  progress.report({ message: `${finished} of ${total} done; integrating…` });
                },
                onIntegrationText: (chunk) => panel.update({ id: INTEGRATION_SECTION, append: chunk }),
                onIntegrationRetry: (notice) =>
                  panel.update({
                    id: INTEGRATION_SECTION,
                    status: 'waiting',
                    note: this.clean(retryNote(notice)),
                  }),
                onIntegrationDone: (o) => {
                  const status: RunStatus =
                    o.status === 'completed'
                      ? 'done'
                      : o.status === 'failed'
                        ? 'failed'
                        : o.status === 'interrupted' || controller.signal.aborted
                          ? 'cancelled'
                          : 'failed';
                  const missing = o.missing.length
                    ? `Missing: ${o.missing.map((m) => `"${m.title}" (${m.reason})`).join('; ')}.`
                    : '';
                  const note = [o.message, missing].filter(Boolean).join(' ');
                  panel.update({
                    id: INTEGRATION_SECTION,
                    status,
                    note: this.clean(note),
                    elapsedMs: o.elapsedMs,
                    outputTokens: o.usage.outputTokens,
                  });
                  progress.report({ increment: step });
                },
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.services.logger.error(`Delegation: ${this.clean(message)}`);
      panel.finish('failed', this.clean(message));
      return;
    } finally {
      this.runs.delete(controller);
    }

    const usage = sumUsage([planner.usage, result.usage]);
    const cost = addCosts([planner.cost, result.cost]);
    const costView = toCostView(usage, cost);
    panel.setCost(costView);
    const message = [result.message, ...notes].join(' ');
    panel.finish(result.status, this.clean(message));
    this.services.logger.info(
      `Delegation "${short(task, 60)}": ${result.status}. ${this.clean(result.message)} ` + costLine(costView),
    );
    if (!panel.isOpen) return;
    const changeSet = result.changeSet;
    if (workspace && changeSet && changeSet.edits.length > 0 && result.status !== 'cancelled') {
      review = () => this.reviewChanges(workspace.root, changeSet, panel);
      await review();
      return;
    }
    if (result.status === 'completed') {
      const choice = await vscode.window.showInformationMessage(
        `Delegation done: ${result.message}`,
        'Open as Markdown',
      );
      if (choice) await this.openResult(task, result.integration.text);
    } else if (result.status === 'failed') {
      void vscode.window.showWarningMessage(`Delegation: ${this.clean(result.message)}`);
    }
  }

  /**
   * Opens the change set in the refactor preview (the user unticks what they do not want, then applies;
   * one Undo reverts it). Edits whose text changed since the agents read it are refused and named.
   */
  private async reviewChanges(root: string, changeSet: ChangeSet, panel: DelegatePanel): Promise<void> {
    const built = await buildWorkspaceEdit(root, changeSet);
    const files = new Set(changeSet.edits.map((e) => e.proposal.path)).size;
    const conflicts = changeSet.conflicts.length
      ? ` ${changeSet.conflicts.length} conflicting edit${changeSet.conflicts.length === 1 ? ' was' : 's were'} left out.`
      : '';
    const summary = `${changeSet.edits.length} proposed edit${changeSet.edits.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.${conflicts}`;
    for (const c of changeSet.conflicts) this.services.logger.warn(`Delegation conflict: ${this.clean(c.message)}`);
    if (built.refused.length) {
      this.services.logger.warn(`Delegation: ${built.refused.join(' ')}`);
      void vscode.window.showWarningMessage(
        `Delegation: ${built.refused.length} edit${built.refused.length === 1 ? '' : 's'} not applied. ${built.refused.join(' ')}`,
      );
    }
    panel.setChanges(`${summary} Review them in the refactor preview.`, true);
    const applied = await previewAndApply(built);
    if (applied) panel.setChanges(`${summary} Applied; Undo reverts them.`, false);
  }

  /** The integrated answer as an untitled Markdown document. */
  private async openResult(task: string, text: string): Promise<void> {
    if (!text.trim()) {
      void vscode.window.showInformationMessage('There is no integrated answer yet.');
      return;
    }
    const content = /^#\s/.test(text.trimStart()) ? text : `# ${short(task, 100)}\n\n${text}`;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Active });
  }

  private clean(text: string): string {
    return redact(text, this.services.keys.known());
  }

  dispose(): void {
    for (const c of this.runs) c.abort();
    this.runs.clear();
    this.channels.dispose();
  }
}
