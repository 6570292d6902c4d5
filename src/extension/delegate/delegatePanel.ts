// The delegation's webview panel: one section per subtask plus the integration. Keeps what it shows,
// so the webview can be rebuilt at any time (`ready`, after a reload); streamed updates are batched.
import * as vscode from 'vscode';
import {
  parseDelegateMessage,
  type AgentView,
  type CostView,
  type DelegateHostMessage,
  type DelegateWebviewMessage,
  type RunStatus,
  type SectionInfo,
  type SectionUpdate,
} from '../../shared/protocol';
import { runContentAction } from '../webview/openLink';
import { openPanel } from '../webview/openWebview';
import type { WebviewHost } from '../webview/webviewHost';
import { UpdateBatcher } from '../webview/updateBatcher';
import type { Logger } from '../../core';

interface SectionState {
  status: RunStatus;
  text: string;
  note?: string;
  elapsedMs?: number;
  outputTokens?: number;
}

export interface DelegatePanelHandlers {
  cancel(): void;
  /** Stop one sub-agent (its section id); its work so far is kept. */
  stopSubtask?(id: string): void;
  /** Open the change set in the multi-file diff editor again. */
  reviewChanges?(): void;
  openResult(): void;
  /** The user closed the panel. */
  closed(): void;
}

/** At most 20 update messages a second, however many subtasks stream. */
const UPDATE_INTERVAL_MS = 50;

export class DelegatePanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly host: WebviewHost<DelegateHostMessage, DelegateWebviewMessage>;
  private readonly sections = new Map<string, SectionState>();
  private readonly batcher: UpdateBatcher;
  private cost: CostView | undefined;
  private readonly agents = new Map<string, AgentView>();
  private changes: { summary: string; canReview: boolean } | undefined;
  private done: { status: 'completed' | 'cancelled' | 'failed'; message?: string } | undefined;
  private disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly init: { task: string; title: string; sections: SectionInfo[]; simulated: boolean },
    private readonly handlers: DelegatePanelHandlers,
    private readonly logger: Logger,
  ) {
    for (const s of init.sections) this.sections.set(s.id, { status: 'queued', text: '' });
    this.batcher = new UpdateBatcher((updates) => this.post({ type: 'delegate/update', updates }), {
      intervalMs: UPDATE_INTERVAL_MS,
    });
    ({ panel: this.panel, host: this.host } = openPanel<DelegateHostMessage, DelegateWebviewMessage>(extensionUri, {
      viewType: 'claudeMultiAgent.delegate',
      page: { script: 'delegateMain', styles: ['base.css', 'delegate.css'], title: init.title },
      parse: parseDelegateMessage,
      onMessage: (message) => this.onMessage(message),
      replay: () => this.replay(),
      onInvalid: (what) =>
        this.logger.warn(`Ignored a message from the delegation panel that is not of the protocol (${what}).`),
      onError: (err) => this.logger.error(`Delegation panel: ${err instanceof Error ? err.message : String(err)}`),
      onClosed: () => {
        this.dispose();
        this.handlers.closed();
      },
    }));
  }

  get isOpen(): boolean {
    return !this.disposed;
  }

  reveal(): void {
    if (!this.disposed) this.panel.reveal(undefined, true);
  }

  /** Applies `update` to what the panel shows and sends it (batched). */
  update(update: SectionUpdate): void {
    const s = this.sections.get(update.id);
    if (!s) return;
    if (update.text !== undefined) s.text = update.text;
    if (update.append) s.text += update.append;
    if (update.status !== undefined) s.status = update.status;
    if (update.note !== undefined) s.note = update.note;
    if (update.elapsedMs !== undefined) s.elapsedMs = update.elapsedMs;
    if (update.outputTokens !== undefined) s.outputTokens = update.outputTokens;
    this.batcher.push(update);
  }

  /** Replaces what a sub-agent's log shows (steps, proposals, cost). */
  agent(id: string, agent: AgentView): void {
    if (!this.sections.has(id)) return;
    this.agents.set(id, agent);
    this.batcher.flush();
    this.post({ type: 'delegate/agent', id, agent });
  }

  /** The change set's summary ("3 edits in 2 files") and whether it can be reviewed again. */
  setChanges(summary: string, canReview: boolean): void {
    this.changes = { summary, canReview };
    this.post({ type: 'delegate/changes', ...this.changes });
  }

  text(id: string): string {
    return this.sections.get(id)?.text ?? '';
  }

  setCost(cost: CostView): void {
    this.cost = cost;
    this.batcher.flush();
    this.post({ type: 'delegate/cost', cost });
  }

  finish(status: 'completed' | 'cancelled' | 'failed', message?: string): void {
    this.done = message ? { status, message } : { status };
    this.batcher.flush();
    this.post({ type: 'delegate/done', ...this.done });
  }

  private post(message: DelegateHostMessage): void {
    this.host.post(message);
  }

  /** Rebuilds the webview from the state kept here. */
  private replay(): void {
    this.batcher.flush();
    this.post({
      type: 'delegate/init',
      task: this.init.task,
      sections: this.init.sections,
      simulated: this.init.simulated,
    });
    const updates: SectionUpdate[] = [];
    for (const [id, s] of this.sections) {
      const u: SectionUpdate = { id, status: s.status, text: s.text };
      if (s.note !== undefined) u.note = s.note;
      if (s.elapsedMs !== undefined) u.elapsedMs = s.elapsedMs;
      if (s.outputTokens !== undefined) u.outputTokens = s.outputTokens;
      updates.push(u);
    }
    this.post({ type: 'delegate/update', updates });
    for (const [id, agent] of this.agents) this.post({ type: 'delegate/agent', id, agent });
    if (this.changes) this.post({ type: 'delegate/changes', ...this.changes });
    if (this.cost) this.post({ type: 'delegate/cost', cost: this.cost });
    if (this.done) this.post({ type: 'delegate/done', ...this.done });
  }

  private async onMessage(message: Exclude<DelegateWebviewMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'cancel':
        this.handlers.cancel();
        return;
      case 'openResult':
        this.handlers.openResult();
        return;
      case 'stopSubtask':
        this.handlers.stopSubtask?.(message.id);
        return;
      case 'reviewChanges':
        this.handlers.reviewChanges?.();
        return;
      case 'openLink':
      case 'copyText':
        return runContentAction(message, (m) => this.logger.warn(`Delegation: ${m}`));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.batcher.flush();
    this.disposed = true;
    this.batcher.dispose();
    this.host.dispose();
    this.panel.dispose();
  }
}
