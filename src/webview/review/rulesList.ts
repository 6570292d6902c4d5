// "Project rules": the rules files that went into every expert's prompt, with their tokens and how
// many findings each suppressed, so a user can see what shaped the findings; for a branch or commit,
// where they were read (its base) and the rules files the change touches, which were not applied.
// Hidden when there is nothing to say.
import type { RulesView } from '../../shared/protocol';
import { el } from '../lib/dom';

export function createRulesList(doc: Document): HTMLDetailsElement {
  return el(doc, 'details', { className: 'rules-files', testId: 'rules-list', hidden: true });
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function renderRules(target: HTMLDetailsElement, rules: RulesView | undefined): void {
  const doc = target.ownerDocument;
  const changed = rules?.changed ?? [];
  if (!rules || (!rules.untrusted && rules.files.length === 0 && rules.leftOut.length === 0 && !changed.length)) {
    target.hidden = true;
    target.replaceChildren();
    return;
  }
  target.hidden = false;
  if (rules.untrusted) {
    target.replaceChildren(el(doc, 'summary', { text: 'Project rules not read: the workspace is not trusted' }));
    return;
  }
  const suppressed = rules.files.reduce((n, f) => n + f.suppressed, rules.suppressedElsewhere);
  const summary = [
    `${plural(rules.files.length, 'rules file', 'rules files')} used${rules.readAt ? ` (from ${rules.readAt})` : ''}`,
    ...(suppressed ? [`${plural(suppressed, 'finding', 'findings')} suppressed by them`] : []),
    ...(changed.length ? [`${plural(changed.length, 'rules file', 'rules files')} changed, not applied`] : []),
  ].join(' · ');
  target.replaceChildren(
    el(doc, 'summary', { testId: 'rules-summary', text: summary }),
    el(
      doc,
      'ul',
      { className: 'rules-items' },
      ...rules.files.map((f) =>
        el(
          doc,
          'li',
          { className: 'rules-item', testId: 'rules-item', attrs: { 'data-path': f.path } },
          el(doc, 'code', { text: f.path }),
          el(doc, 'span', { className: 'rules-tokens', text: ` — about ${f.tokens} tokens` }),
          ...(f.suppressed
            ? [
                el(doc, 'span', {
                  className: 'rules-suppressed',
                  testId: 'rules-suppressed',
                  text: `; suppressed ${plural(f.suppressed, 'finding', 'findings')}`,
                }),
              ]
            : []),
        ),
      ),
      ...rules.leftOut.map((l) =>
        el(
          doc,
          'li',
          { className: 'rules-item left-out', testId: 'rules-left-out' },
          el(doc, 'code', { text: l.path }),
          el(doc, 'span', { className: 'rules-detail', text: ` — not used: ${l.detail}` }),
        ),
      ),
      ...changed.map((path) =>
        el(
          doc,
          'li',
          { className: 'rules-item changed', testId: 'rules-changed', attrs: { 'data-path': path } },
          el(doc, 'code', { text: path }),
          el(doc, 'span', { className: 'rules-detail', text: ' — rules changed in this change (not applied)' }),
        ),
      ),
    ),
  );
}
