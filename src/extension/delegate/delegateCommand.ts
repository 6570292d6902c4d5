// "Delegate task to parallel agents…": task → optional pinned code (the agents read the workspace) → plan (approved and edited in a
// QuickPick) → subtasks in parallel, streamed to a panel and to one output channel each → integrated
// answer. One cancellable notification reports progress; Cancel aborts every request at once.
//
// Untrusted workspaces: only what the user explicitly picks (the selection or the open file) is
// sent, under the same content policy as the review; nothing else from the workspace is read.
import * as vscode from 'vscode';
import { redact } from '../../core';
import { maxSubtasksFor, openAgentWorkspace, type AgentWorkspace } from '../../delegate';
import { readSettings } from '../config';
import { connect } from '../connection';
import { policyInputs } from '../policy/policyInputs';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import type { Services } from '../services';
import type { Settings } from '../settingsSchema';
import { chooseContext } from './contextChoice';
import type { ChangeCommand } from './changeCommands';
import { DelegationChanges } from './changeSetView';
import { DelegationRun } from './delegationRun';
import { pickSubtasks } from './planPicker';
import { planWithProgress } from './planner';
import { SubtaskChannels } from './subtaskChannels';

export class DelegateCommand implements vscode.Disposable {
  private readonly channels = new SubtaskChannels();
  private readonly runs = new Set<AbortController>();
  /** Created with the first change set: the view and the proposed documents' provider. */
  private changes: DelegationChanges | undefined;

  constructor(private readonly services: Services) {}

  /** `presetTask` comes from the editor chat's `/delegate <task>`; without it the task is asked for. */
  async run(presetTask?: string): Promise<void> {
    const task = (presetTask?.trim() || (await askForTask()))?.trim();
    if (!task) return;

    const settings = readSettings();
    const workspace = await this.agentWorkspace(settings);
    const context = await chooseContext(settings, this.services.logger, workspace !== undefined);
    if (context === 'cancel') return;

    const client = await connect(this.services.keys, settings);
    if (!client) return;

    const planned = await planWithProgress(
      {
        task,
        contextText: context?.included ? context.systemText : undefined,
        maxSubtasks: maxSubtasksFor(settings.maxConcurrency),
        settings,
        client,
        withTools: workspace !== undefined,
      },
      this.services.logger,
      (text) => this.clean(text),
    );
    if (!planned) return;

    const subtasks = await pickSubtasks(planned.plan.subtasks, planned.plan.notes, task);
    if (!subtasks) return;

    const run = new DelegationRun(
      this.services,
      this.channels,
      { task, context, subtasks, planner: planned.result, settings, client, ...(workspace && { workspace }) },
      (this.changes ??= new DelegationChanges()),
    );
    this.runs.add(run.controller);
    try {
      await run.run();
    } finally {
      this.runs.delete(run.controller);
    }
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

  /** One of the change set's commands (Accept, Discard, … from the view, the diff's title bar, the palette). */
  changeCommand(command: ChangeCommand, arg: unknown): Promise<void> {
    return (this.changes ??= new DelegationChanges()).run(command, arg);
  }

  private clean(text: string): string {
    return redact(text, this.services.keys.known());
  }

  dispose(): void {
    for (const c of this.runs) c.abort();
    this.runs.clear();
    this.channels.dispose();
    this.changes?.dispose();
  }
}

function askForTask(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Delegate task to parallel agents',
    prompt:
      'Describe the task. It is split into independent subtasks that agents carry out in parallel, reading the workspace and proposing edits you review before anything changes; a last step integrates their results.',
    placeHolder: 'e.g. Add input validation, error messages and unit tests to the config parser',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length < 3 ? 'Describe the task in a few words.' : undefined),
  });
}
