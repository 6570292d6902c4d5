// Each sub-agent's live log: its tool calls with their arguments (refusals shown with the reason), the
// edits it proposed, its cost, and a Stop button while it runs. Text goes through textContent only.
import type { AgentView, DelegateWebviewMessage } from '../../shared/protocol';
import { button, el } from '../lib/dom';

export class AgentLogs {
  readonly element: HTMLElement;
  readonly changes: HTMLElement;
  private readonly changesText: HTMLElement;
  private readonly reviewButton: HTMLButtonElement;
  private readonly cards = new Map<string, HTMLElement>();

  constructor(
    private readonly doc: Document,
    private readonly post: (message: DelegateWebviewMessage) => void,
  ) {
    this.element = el(doc, 'div', {
      className: 'agent-logs',
      testId: 'agent-logs',
      attrs: { 'aria-label': 'Sub-agent steps' },
    });
    this.changesText = el(doc, 'span', { testId: 'changes-summary' });
    this.reviewButton = button(doc, {
      label: 'Review changes',
      testId: 'review-changes',
      className: 'button secondary',
      onClick: () => post({ type: 'reviewChanges' }),
    });
    this.changes = el(
      doc,
      'div',
      { className: 'changes', testId: 'changes', hidden: true },
      this.changesText,
      this.reviewButton,
    );
  }

  /** Replaces a sub-agent's card. */
  show(id: string, title: string, agent: AgentView): void {
    const { doc } = this;
    const steps = el(doc, 'ol', { className: 'agent-steps', testId: 'agent-steps' });
    for (const step of agent.steps) {
      const item = el(doc, 'li', { className: step.error ? 'agent-step refused' : 'agent-step', text: step.text });
      if (step.error) item.append(el(doc, 'span', { className: 'agent-step-error', text: ` — ${step.error}` }));
      steps.append(item);
    }
    const proposals = el(
      doc,
      'ul',
      { className: 'agent-proposals', testId: 'agent-proposals' },
      ...agent.proposals.map((p) => el(doc, 'li', { text: p })),
    );
    const meta = [agent.running ? 'running' : 'finished', agent.partial, agent.cost].filter(Boolean).join(' · ');
    const stop = button(doc, {
      label: 'Stop',
      testId: 'stop-agent',
      ariaLabel: `Stop the agent of "${title}"`,
      className: 'button secondary',
      hidden: !agent.running,
      onClick: () => {
        stop.disabled = true;
        this.post({ type: 'stopSubtask', id });
      },
    });
    const card = el(
      doc,
      'section',
      { className: 'agent-log', testId: `agent-log-${id}`, attrs: { 'aria-label': `Agent: ${title}` } },
      el(
        doc,
        'div',
        { className: 'agent-head' },
        el(doc, 'h3', { text: title }),
        el(doc, 'span', { className: 'agent-meta', testId: 'agent-meta', text: meta }),
        stop,
      ),
      steps,
      agent.proposals.length ? el(doc, 'p', { className: 'agent-label', text: 'Proposed edits' }) : '',
      proposals,
    );
    const old = this.cards.get(id);
    if (old) old.replaceWith(card);
    else this.element.append(card);
    this.cards.set(id, card);
  }

  showChanges(summary: string, canReview: boolean): void {
    this.changes.hidden = false;
    this.changesText.textContent = summary;
    this.reviewButton.hidden = !canReview;
  }

  reset(): void {
    this.cards.clear();
    this.element.replaceChildren();
    this.changes.hidden = true;
  }
}
