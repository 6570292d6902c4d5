// Under the findings: how a re-review compares with the last review of the same target ("2 new · 3
// still open · 1 fixed since the last review") and the findings the user dismissed, each restorable.
import type { FindingView, ReReviewCounts } from '../../shared/protocol';
import { button, el } from '../lib/dom';
import { formatLocation } from './findingsList';

export const reReviewLine = (c: ReReviewCounts): string =>
  `${c.new} new · ${c.open} still open · ${c.fixed} fixed since the last review`;

export class FindingsStatus {
  readonly element: HTMLElement;
  private readonly reReview: HTMLElement;
  private readonly dismissed: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly restore: (findingId: string) => void,
  ) {
    this.reReview = el(doc, 'p', { className: 'findings-rereview', testId: 'findings-rereview', hidden: true });
    this.dismissed = el(doc, 'details', {
      className: 'findings-dismissed',
      testId: 'findings-dismissed',
      hidden: true,
    });
    this.element = el(doc, 'div', { className: 'findings-status' }, this.reReview, this.dismissed);
  }

  render(reReview: ReReviewCounts | undefined, dismissed: readonly FindingView[] = []): void {
    const doc = this.doc;
    this.reReview.hidden = !reReview;
    this.reReview.textContent = reReview ? reReviewLine(reReview) : '';
    this.dismissed.hidden = dismissed.length === 0;
    this.dismissed.replaceChildren(
      el(doc, 'summary', {
        testId: 'findings-dismissed-count',
        text: `${dismissed.length} dismissed ${dismissed.length === 1 ? 'finding' : 'findings'}`,
      }),
      el(
        doc,
        'ul',
        { className: 'finding-items' },
        ...dismissed.map((f) =>
          el(
            doc,
            'li',
            { className: 'finding dismissed', testId: 'dismissed-finding', attrs: { 'data-finding-id': f.id } },
            el(doc, 'span', { className: 'finding-title', text: f.title }),
            el(doc, 'span', { className: 'finding-location', text: formatLocation(f) }),
            button(doc, {
              label: 'Restore',
              testId: 'finding-restore',
              className: 'button secondary',
              ariaLabel: `Restore the dismissed finding: ${f.title}`,
              onClick: () => this.restore(f.id),
            }),
          ),
        ),
      ),
    );
  }
}
