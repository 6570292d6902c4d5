// Findings grouped by severity, most severe first. Each finding is keyboard-focusable and opens its
// location on click or Enter; its buttons apply the fix or start a follow-up.
import type { FindingView, Severity } from '../../shared/protocol';
import { button, closestElement, el } from '../lib/dom';
import type { MarkdownRenderer } from '../lib/markdown';

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export interface FindingHandlers {
  open(findingId: string): void;
  applyFix(findingId: string): void;
  previewFix(findingId: string): void;
  askFollowUp(findingId: string): void;
  /** Asks the reason and removes the finding (see extension/review/dismissFinding.ts). */
  dismiss(findingId: string): void;
}

type HiddenBecause = NonNullable<FindingView['hiddenBecause']>;

/** "4 findings outside the changed lines hidden": how each reason reads (as in review/findings/hiddenSummary.ts). */
const HIDDEN_WORDING: Record<HiddenBecause, { before?: string; after?: string; marker: string }> = {
  lowConfidence: { before: 'low-confidence', marker: 'Low confidence' },
  unsupported: { before: 'unsupported', marker: 'Unsupported: quote not in the cited code' },
  refuted: { before: 'refuted', marker: 'Refuted' },
  preExisting: { before: 'pre-existing', marker: 'Pre-existing' },
  outsideChanges: { after: 'outside the changed lines', marker: 'Outside the changed lines' },
  dismissed: { before: 'dismissed', marker: 'Dismissed' },
};
const HIDDEN_ORDER: HiddenBecause[] = [
  'lowConfidence',
  'unsupported',
  'refuted',
  'preExisting',
  'outsideChanges',
  'dismissed',
];

/** An expert's finding the synthesis has not judged (yet): how its marker reads and what a screen reader says. */
export const PROVISIONAL_WORDING: Record<NonNullable<FindingView['provisional']>, { marker: string; label: string }> = {
  pending: { marker: 'Provisional', label: 'provisional, not yet judged by the synthesis' },
  unmerged: { marker: 'Not merged', label: 'not merged, the synthesis did not judge it' },
};

export function hiddenPhrase(reason: HiddenBecause, count: number): string {
  const { before, after } = HIDDEN_WORDING[reason];
  return [String(count), before, count === 1 ? 'finding' : 'findings', after, 'hidden'].filter(Boolean).join(' ');
}

export function groupBySeverity(findings: FindingView[]): [Severity, FindingView[]][] {
  return SEVERITY_ORDER.map(
    (severity) => [severity, findings.filter((f) => f.severity === severity)] as [Severity, FindingView[]],
  ).filter(([, group]) => group.length > 0);
}

export function formatLocation(finding: FindingView): string {
  return finding.endLine > finding.startLine
    ? `${finding.file}:${finding.startLine}–${finding.endLine}`
    : `${finding.file}:${finding.startLine}`;
}

/** "92% · 3 experts" (either part alone when the other is unknown; '' when both are). */
export function formatScores(finding: Pick<FindingView, 'confidence' | 'agreement'>): string {
  return [
    finding.confidence !== undefined ? `${finding.confidence}%` : '',
    finding.agreement !== undefined ? `${finding.agreement} expert${finding.agreement === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export class FindingsList {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly groups: HTMLElement;
  private readonly droppedNote: HTMLElement;
  private readonly hiddenRows: HTMLElement;
  /** Reasons whose hidden findings the user chose to see (kept while the panel lives). */
  private readonly revealed = new Set<HiddenBecause>();
  private last: { findings: FindingView[]; dropped: number } | undefined;

  constructor(
    private readonly doc: Document,
    private readonly renderer: MarkdownRenderer,
    private readonly handlers: FindingHandlers,
  ) {
    this.heading = el(doc, 'h2', { className: 'findings-heading', text: 'Findings' });
    this.groups = el(doc, 'div', { className: 'finding-groups' });
    this.droppedNote = el(doc, 'p', { className: 'findings-dropped', testId: 'findings-dropped', hidden: true });
    this.hiddenRows = el(doc, 'div', { className: 'findings-hidden', testId: 'findings-hidden', hidden: true });
    this.element = el(
      doc,
      'section',
      { className: 'findings', testId: 'findings', hidden: true, attrs: { 'aria-label': 'Findings' } },
      this.heading,
      this.droppedNote,
      this.hiddenRows,
      this.groups,
    );
    this.groups.addEventListener('click', (event) => this.onClick(event));
    this.groups.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  clear(): void {
    this.element.hidden = true;
    this.groups.replaceChildren();
  }

  render(all: FindingView[], dropped: number): void {
    const doc = this.doc;
    this.last = { findings: all, dropped };
    this.element.hidden = false;
    const findings = all.filter((f) => !f.hiddenBecause || this.revealed.has(f.hiddenBecause));
    const count = all.filter((f) => !f.hiddenBecause).length;
    const pending = all.some((f) => f.provisional === 'pending');
    this.heading.textContent = `Findings (${count}${pending ? ', provisional' : ''})`;
    this.renderHiddenRows(all);
    this.droppedNote.hidden = dropped === 0;
    this.droppedNote.textContent = `${dropped} ${dropped === 1 ? 'finding was' : 'findings were'} left out because ${dropped === 1 ? 'its' : 'their'} location could not be found in the code.`;
    if (findings.length === 0) {
      this.groups.replaceChildren(
        el(doc, 'p', { className: 'findings-empty', testId: 'findings-empty', text: 'No findings.' }),
      );
      return;
    }
    this.groups.replaceChildren(
      ...groupBySeverity(findings).map(([severity, group]) =>
        el(
          doc,
          'section',
          { className: `finding-group severity-${severity}`, testId: `finding-group-${severity}` },
          el(doc, 'h3', { className: 'finding-group-heading', text: `${SEVERITY_LABEL[severity]} (${group.length})` }),
          el(doc, 'ul', { className: 'finding-items' }, ...group.map((f) => this.renderFinding(f))),
        ),
      ),
    );
  }

  /** One "N hidden (reason) · Show" row per reason; Show lists them, marked, among the others. */
  private renderHiddenRows(all: readonly FindingView[]): void {
    const doc = this.doc;
    const rows = HIDDEN_ORDER.flatMap((reason) => {
      const count = all.filter((f) => f.hiddenBecause === reason).length;
      if (count === 0) return [];
      const shown = this.revealed.has(reason);
      const toggle = button(doc, {
        label: shown ? 'Hide' : 'Show',
        testId: `findings-hidden-toggle-${reason}`,
        className: 'button secondary',
        ariaLabel: `${shown ? 'Hide' : 'Show'} the ${hiddenPhrase(reason, count).replace(/ hidden$/, '')}`,
        onClick: () => {
          if (shown) this.revealed.delete(reason);
          else this.revealed.add(reason);
          if (this.last) this.render(this.last.findings, this.last.dropped);
        },
      });
      return [
        el(
          doc,
          'p',
          { className: 'findings-hidden-row', testId: `findings-hidden-${reason}`, attrs: { 'data-reason': reason } },
          el(doc, 'span', { text: `${hiddenPhrase(reason, count)} · ` }),
          toggle,
        ),
      ];
    });
    this.hiddenRows.hidden = rows.length === 0;
    this.hiddenRows.replaceChildren(...rows);
  }

  private renderFinding(finding: FindingView): HTMLElement {
    const doc = this.doc;
    const location = formatLocation(finding);
    const scores = formatScores(finding);
    const verdict = finding.verification;
    const explanation = el(doc, 'div', { className: 'markdown finding-explanation' });
    this.renderer.renderInto(explanation, finding.explanation);
    const actions = el(
      doc,
      'div',
      { className: 'finding-actions' },
      ...(finding.hasFix && !finding.resolved
        ? [
            button(doc, {
              label: 'Apply fix',
              testId: 'finding-apply-fix',
              ariaLabel: `Apply the suggested fix for: ${finding.title}`,
              onClick: () => this.handlers.applyFix(finding.id),
            }),
            button(doc, {
              label: 'Preview fix',
              testId: 'finding-preview-fix',
              className: 'button secondary',
              ariaLabel: `Preview the suggested fix for: ${finding.title}`,
              onClick: () => this.handlers.previewFix(finding.id),
            }),
          ]
        : []),
      button(doc, {
        label: 'Ask follow-up',
        testId: 'finding-ask',
        className: 'button secondary',
        ariaLabel: `Ask a follow-up about: ${finding.title}`,
        onClick: () => this.handlers.askFollowUp(finding.id),
      }),
      // A provisional finding is not an open finding yet: there is nothing to dismiss until it is judged.
      ...(finding.provisional === 'pending'
        ? []
        : [
            button(doc, {
              label: 'Dismiss…',
              testId: 'finding-dismiss',
              className: 'button secondary',
              ariaLabel: `Dismiss the finding: ${finding.title}`,
              onClick: () => this.handlers.dismiss(finding.id),
            }),
          ]),
    );
    const hiddenMarker = finding.hiddenBecause ? HIDDEN_WORDING[finding.hiddenBecause].marker : undefined;
    const provisional = finding.provisional && PROVISIONAL_WORDING[finding.provisional];
    return el(
      doc,
      'li',
      {
        className: `finding severity-${finding.severity}${finding.resolved ? ' resolved' : ''}${hiddenMarker ? ' hidden-finding' : ''}`,
        testId: 'finding',
        attrs: {
          tabindex: '0',
          'data-finding-id': finding.id,
          'data-severity': finding.severity,
          ...(finding.resolved && { 'data-resolved': 'true' }),
          ...(finding.hiddenBecause && { 'data-hidden-because': finding.hiddenBecause }),
          ...(finding.provisional && { 'data-provisional': finding.provisional }),
          'aria-label': `${SEVERITY_LABEL[finding.severity]}${provisional ? `, ${provisional.label}` : ''}${finding.resolved ? ', fixed' : ''}${hiddenMarker ? `, ${hiddenMarker.toLowerCase()}` : ''}: ${finding.title}, ${location}${scores ? `, ${scores.replace('%', ' percent confidence')}` : ''}. Press Enter to open.`,
        },
      },
      el(
        doc,
        'div',
        { className: 'finding-head' },
        el(doc, 'span', { className: 'severity-badge', text: SEVERITY_LABEL[finding.severity] }),
        ...(provisional
          ? [
              el(doc, 'span', {
                className: `finding-provisional ${finding.provisional}`,
                testId: 'finding-provisional',
                text: provisional.marker,
                attrs: { title: provisional.label, 'aria-label': provisional.label },
              }),
            ]
          : []),
        ...(finding.resolved
          ? [el(doc, 'span', { className: 'finding-resolved', testId: 'finding-resolved', text: 'Fixed' })]
          : []),
        ...(hiddenMarker
          ? [
              el(doc, 'span', {
                className: 'finding-hidden-marker',
                testId: 'finding-hidden-marker',
                text: hiddenMarker,
              }),
            ]
          : []),
        ...(finding.reviewState
          ? [
              el(doc, 'span', {
                className: `finding-review-state ${finding.reviewState}`,
                testId: 'finding-review-state',
                text: finding.reviewState === 'new' ? 'New' : 'Still open',
              }),
            ]
          : []),
        el(doc, 'span', { className: 'finding-title', text: finding.title }),
        ...(scores
          ? [
              el(doc, 'span', {
                className: 'finding-scores',
                testId: 'finding-scores',
                text: scores,
                attrs: { title: 'Confidence · experts who raised it' },
              }),
            ]
          : []),
        // A refuted finding is marked "Refuted" as a hidden one already.
        ...(verdict && verdict.verdict !== 'unverified' && finding.hiddenBecause !== 'refuted'
          ? [
              el(doc, 'span', {
                className: `finding-verdict verdict-${verdict.verdict}`,
                testId: 'finding-verdict',
                text: verdict.verdict === 'confirmed' ? 'Verified' : 'Refuted',
              }),
            ]
          : []),
        el(doc, 'span', { className: 'finding-location', text: location }),
      ),
      explanation,
      ...(finding.evidence?.trim()
        ? [
            el(
              doc,
              'pre',
              { className: 'finding-evidence', testId: 'finding-evidence', attrs: { title: 'The code it quotes' } },
              el(doc, 'code', { text: finding.evidence }),
            ),
          ]
        : []),
      ...(finding.evidenceProblem
        ? [
            el(doc, 'p', {
              className: 'finding-evidence-problem',
              testId: 'finding-evidence-problem',
              text: `Quote check: ${finding.evidenceProblem}.`,
            }),
          ]
        : []),
      ...(verdict?.reason
        ? [
            el(doc, 'p', {
              className: 'finding-verification',
              testId: 'finding-verification',
              text: `Verifier: ${verdict.reason}`,
            }),
          ]
        : []),
      el(doc, 'p', {
        className: 'finding-experts',
        text: finding.experts.length ? `Raised by ${finding.experts.join(', ')}` : '',
      }),
      actions,
    );
  }

  private onClick(event: MouseEvent): void {
    // Buttons and links inside a finding do their own thing; so does selecting its text.
    if (closestElement(event.target, 'button, a')) return;
    if ((this.doc.defaultView?.getSelection()?.toString() ?? '') !== '') return;
    const item = closestElement(event.target, '[data-finding-id]');
    const id = item?.getAttribute('data-finding-id');
    if (id) this.handlers.open(id);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const item = event.target as Element | null;
    if (!item || !item.matches?.('[data-finding-id]')) return;
    event.preventDefault();
    const id = item.getAttribute('data-finding-id');
    if (id) this.handlers.open(id);
  }
}
