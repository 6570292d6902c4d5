// The task, the simulated badge, Cancel / "Open as Markdown document", and the run's outcome.
import type { DelegateWebviewMessage } from '../../shared/protocol';
import { simulatedBadge } from '../lib/badges';
import { button, el } from '../lib/dom';
import { runOutcomeText, type RunOutcome } from '../lib/runStatus';

export class DelegateHeader {
  readonly element: HTMLElement;
  private readonly task: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly runStatus: HTMLElement;
  private readonly cancel: HTMLButtonElement;
  private readonly openResult: HTMLButtonElement;

  constructor(doc: Document, post: (message: DelegateWebviewMessage) => void) {
    this.task = el(doc, 'p', { className: 'task-text', testId: 'delegate-task' });
    this.badge = simulatedBadge(doc);
    this.runStatus = el(doc, 'p', {
      className: 'run-status',
      testId: 'run-status',
      text: 'Waiting for the task to start…',
    });
    this.cancel = button(doc, {
      label: 'Cancel',
      testId: 'cancel',
      ariaLabel: 'Cancel the delegated task',
      onClick: () => {
        this.cancel.disabled = true;
        this.cancel.textContent = 'Cancelling…';
        post({ type: 'cancel' });
      },
    });
    this.openResult = button(doc, {
      label: 'Open as Markdown document',
      testId: 'open-result',
      ariaLabel: 'Open the result as a Markdown document',
      className: 'button secondary',
      onClick: () => post({ type: 'openResult' }),
    });
    this.openResult.disabled = true;
    this.element = el(
      doc,
      'header',
      { className: 'panel-header' },
      el(
        doc,
        'div',
        { className: 'title-row' },
        el(doc, 'h1', { className: 'panel-title', text: 'Delegated task' }),
        this.badge,
      ),
      this.task,
      el(doc, 'div', { className: 'toolbar', attrs: { 'aria-label': 'Task actions' } }, this.cancel, this.openResult),
      this.runStatus,
    );
  }

  show(task: string, simulated: boolean): void {
    this.task.textContent = task;
    this.badge.hidden = !simulated;
    this.cancel.hidden = false;
    this.cancel.disabled = false;
    this.cancel.textContent = 'Cancel';
    // The document is assembled from the finished run.
    this.openResult.disabled = true;
    this.runStatus.textContent = 'Running…';
    delete this.runStatus.dataset['outcome'];
  }

  showOutcome(outcome: RunOutcome): string {
    const text = runOutcomeText('Task', outcome);
    this.runStatus.textContent = text;
    this.runStatus.dataset['outcome'] = outcome.status;
    this.cancel.hidden = true;
    this.openResult.disabled = false;
    return text;
  }
}
