// Title, what is being reviewed, the simulated badge, the toolbar and the run's outcome.
import type { ReviewWebviewMessage } from '../../shared/protocol';
import { providerBadge, simulatedBadge } from '../lib/badges';
import { button, el } from '../lib/dom';
import { runOutcomeText, type RunOutcome } from '../lib/runStatus';

const TARGETS_SHOWN = 6;

export class ReviewHeader {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly provider: HTMLElement;
  private readonly targets: HTMLElement;
  private readonly runStatus: HTMLElement;
  private readonly cancel: HTMLButtonElement;
  /** Once the review has finished and some expert has not run on it: another over the same cached code. */
  private readonly addExpert: HTMLButtonElement;
  private finished = false;
  private expertsLeft = 0;
  /** What the outcome line names: "Review complete", "Sweep complete". */
  private noun = 'Review';

  constructor(
    private readonly doc: Document,
    post: (message: ReviewWebviewMessage) => void,
  ) {
    this.title = el(doc, 'h1', { className: 'panel-title', testId: 'review-title', text: 'Multi-expert review' });
    this.badge = simulatedBadge(doc);
    this.provider = providerBadge(doc);
    this.targets = el(doc, 'p', { className: 'targets', testId: 'review-targets', hidden: true });
    this.runStatus = el(doc, 'p', { className: 'run-status', testId: 'run-status', text: 'Starting review…' });
    this.cancel = button(doc, {
      label: 'Cancel',
      testId: 'cancel',
      ariaLabel: 'Cancel the review',
      onClick: () => {
        this.cancel.disabled = true;
        this.cancel.textContent = 'Cancelling…';
        post({ type: 'cancel' });
      },
    });
    this.addExpert = button(doc, {
      label: 'Add expert…',
      testId: 'add-expert',
      ariaLabel: 'Add another expert to this review (it reads the cached code)',
      className: 'button secondary',
      onClick: () => post({ type: 'addExpert' }),
    });
    this.addExpert.hidden = true;
    const toolbar = el(
      doc,
      'div',
      { className: 'toolbar', attrs: { 'aria-label': 'Review actions' } },
      this.cancel,
      this.addExpert,
      button(doc, {
        label: 'Export Markdown',
        testId: 'export',
        ariaLabel: 'Export the review as Markdown',
        className: 'button secondary',
        onClick: () => post({ type: 'export' }),
      }),
      button(doc, {
        label: 'Ask a follow-up',
        testId: 'ask-follow-up',
        ariaLabel: 'Ask a follow-up question about this review',
        className: 'button secondary',
        onClick: () => post({ type: 'askFollowUp' }),
      }),
    );
    this.element = el(
      doc,
      'header',
      { className: 'panel-header' },
      el(doc, 'div', { className: 'title-row' }, this.title, this.badge, this.provider),
      this.targets,
      toolbar,
      this.runStatus,
    );
  }

  show(title: string, targets: string[], simulated: boolean, provider?: string, kind?: 'sweep'): void {
    this.noun = kind === 'sweep' ? 'Sweep' : 'Review';
    this.title.textContent = title;
    this.badge.hidden = !simulated;
    this.provider.hidden = !provider;
    this.provider.textContent = provider ? `via ${provider}` : '';
    this.renderTargets(targets);
    this.cancel.hidden = false;
    this.cancel.disabled = false;
    this.cancel.textContent = 'Cancel';
    this.finished = false;
    this.expertsLeft = 0;
    this.syncAddExpert();
    this.runStatus.textContent = 'Running…';
    delete this.runStatus.dataset['outcome'];
  }

  showOutcome(outcome: RunOutcome): string {
    const text = runOutcomeText(this.noun, outcome);
    this.runStatus.textContent = text;
    this.runStatus.dataset['outcome'] = outcome.status;
    this.cancel.hidden = true;
    this.finished = true;
    this.syncAddExpert();
    return text;
  }

  /** The host says how many experts could still be added (none: the button is not offered). */
  showExpertsLeft(count: number): void {
    this.expertsLeft = count;
    this.syncAddExpert();
  }

  private syncAddExpert(): void {
    this.addExpert.hidden = !(this.finished && this.expertsLeft > 0);
  }

  private renderTargets(targets: string[]): void {
    const doc = this.doc;
    this.targets.hidden = targets.length === 0;
    const shown = targets.slice(0, TARGETS_SHOWN).map((t) => el(doc, 'code', { className: 'target', text: t }));
    const rest = targets.length - shown.length;
    const parts: (Node | string)[] = ['Reviewing '];
    shown.forEach((node, i) => parts.push(...(i > 0 ? [', ', node] : [node])));
    if (rest > 0)
      parts.push(
        el(doc, 'span', {
          className: 'targets-more',
          text: ` and ${rest} more`,
          attrs: { title: targets.slice(TARGETS_SHOWN).join('\n') },
        }),
      );
    this.targets.replaceChildren(...parts);
  }
}
