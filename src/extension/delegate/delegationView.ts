// What a running delegation shows in the editor: its panel (one section per subtask plus the
// integration), one output channel per subtask and the progress notification, all kept up to date by
// applying the run's events in one place (`apply`).
import * as vscode from 'vscode';
import { redact, retryNote, type RetryNotice } from '../../core';
import { AgentLogs, integrationEnd, subtaskEnd, type DelegationEvent, type Subtask } from '../../delegate';
import { INTEGRATION_SECTION, type SectionUpdate } from '../../shared/protocol';
import { isSimulated } from '../connection';
import type { Services } from '../services';
import { DelegatePanel, type DelegatePanelHandlers } from './delegatePanel';
import { short } from './planPicker';
import type { SubtaskChannels } from './subtaskChannels';

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

export interface ViewRequest {
  task: string;
  subtasks: readonly Subtask[];
  /** Sub-agents: each has a log of its tool calls and proposed edits. */
  agents: boolean;
  /** Whether the user cancelled: a skipped integration then reads "cancelled", not "failed". */
  cancelled: () => boolean;
}

export class DelegationView {
  readonly panel: DelegatePanel;
  private readonly agents: AgentLogs;
  private readonly channels: vscode.OutputChannel[];
  /** Sections whose request waits to be retried: their note says so until their text flows again. */
  private readonly retrying = new Set<string>();
  private finished = 0;
  /** The notification, while the run goes on. */
  progress: Progress | undefined;

  constructor(
    private readonly services: Services,
    channels: SubtaskChannels,
    private readonly request: ViewRequest,
    handlers: DelegatePanelHandlers,
  ) {
    const { task, subtasks } = request;
    this.agents = new AgentLogs(subtasks.length, (t) => this.clean(t));
    this.panel = new DelegatePanel(
      services.context.extensionUri,
      {
        task,
        title: `Delegation: ${short(task, 40)}`,
        sections: [
          ...subtasks.map((s) => ({ id: s.id, title: s.title })),
          { id: INTEGRATION_SECTION, title: 'Integration' },
        ],
        simulated: isSimulated(),
      },
      handlers,
      services.logger,
    );
    const stamp = new Date().toLocaleString();
    this.channels = subtasks.map((s) => {
      const channel = channels.get(s.title);
      channel.appendLine(`\n── ${short(task, 80)} · ${stamp} ──`);
      channel.appendLine(`Instructions: ${s.instructions}\n`);
      return channel;
    });
  }

  /** What one event of the run changes on the panel, in the channels and in the notification. */
  apply(event: DelegationEvent): void {
    switch (event.type) {
      case 'subtaskStart':
        return this.section(this.idOf(event.index), { status: 'streaming' });
      case 'subtaskText':
        this.text(this.idOf(event.index), event.text);
        return this.channels[event.index]!.append(event.text);
      case 'subtaskRetry':
        return this.retry(this.idOf(event.index), event.notice);
      case 'subtaskStep': {
        const line = this.agents.step(event.index, event.step);
        if (line) this.channels[event.index]!.appendLine(line);
        return this.showAgent(event.index);
      }
      case 'subtaskProposal':
        this.agents.proposal(event.index, event.proposal);
        return this.showAgent(event.index);
      case 'subtaskDone': {
        const { index, outcome } = event;
        const { status, note } = subtaskEnd(outcome);
        const shown = note ? this.clean(note) : '';
        this.section(this.idOf(index), {
          status,
          note: shown,
          elapsedMs: outcome.elapsedMs,
          outputTokens: outcome.usage.outputTokens,
        });
        this.channels[index]!.appendLine(`\n── ${status}${shown ? `: ${shown}` : ''} ──`);
        this.agents.done(index, outcome);
        this.showAgent(index);
        this.finished++;
        return this.progress?.report({ message: this.doneCount(), increment: this.step });
      }
      case 'integrationStart':
        this.section(INTEGRATION_SECTION, { status: 'streaming' });
        return this.progress?.report({ message: `${this.doneCount()}; integrating…` });
      case 'integrationText':
        return this.text(INTEGRATION_SECTION, event.text);
      case 'integrationRetry':
        return this.retry(INTEGRATION_SECTION, event.notice);
      case 'integrationDone': {
        const { outcome } = event;
        const { status, note } = integrationEnd(outcome, this.request.cancelled());
        this.section(INTEGRATION_SECTION, {
          status,
          note: this.clean(note ?? ''),
          elapsedMs: outcome.elapsedMs,
          outputTokens: outcome.usage.outputTokens,
        });
        return this.progress?.report({ increment: this.step });
      }
    }
  }

  private section(id: string, update: Omit<SectionUpdate, 'id'>): void {
    this.panel.update({ id, ...update });
  }

  /** Text after a retry: the request streams again, and the retry's note goes. */
  private text(id: string, text: string): void {
    if (this.retrying.delete(id)) this.section(id, { status: 'streaming', note: '' });
    this.section(id, { append: text });
  }

  private retry(id: string, notice: RetryNotice): void {
    this.retrying.add(id);
    this.section(id, { status: 'waiting', note: this.clean(retryNote(notice)) });
  }

  private showAgent(index: number): void {
    if (this.request.agents) this.panel.agent(this.idOf(index), this.agents.get(index));
  }

  private idOf(index: number): string {
    return this.request.subtasks[index]!.id;
  }

  private get step(): number {
    return 100 / (this.request.subtasks.length + 1);
  }

  doneCount(): string {
    return `${this.finished} of ${this.request.subtasks.length} done`;
  }

  private clean(text: string): string {
    return redact(text, this.services.keys.known());
  }
}
