// The review panel: wires host messages to the views and keeps a persistable copy of the state.
import { SYNTHESIS_SECTION, type ReviewHostMessage, type ReviewWebviewMessage } from '../../shared/protocol';
import { installContentActions } from '../lib/contentActions';
import { createCostLine, renderCost } from '../lib/costLine';
import { el } from '../lib/dom';
import { createLiveRegion } from '../lib/liveRegion';
import { createMarkdownRenderer } from '../lib/markdown';
import { resolveEnvironment, type PanelEnvironment } from '../lib/panelEnvironment';
import { createStateSaver } from '../lib/persist';
import { SectionList } from '../lib/sectionList';
import { sectionNoteText } from '../lib/sectionState';
import { createTicker } from '../lib/ticker';
import { createExcludedList, renderExcluded } from './excludedList';
import { FindingsList } from './findingsList';
import { ReviewHeader } from './reviewHeader';
import { isReviewState, reviewStateFromInit, type ReviewState } from './reviewState';

export interface ReviewPanel {
  handle(message: ReviewHostMessage): void;
  dispose(): void;
}

export function mountReview(root: HTMLElement, environment: PanelEnvironment<ReviewWebviewMessage, ReviewState>): ReviewPanel {
  const env = resolveEnvironment(environment);
  const { doc, api } = env;
  const post = (message: ReviewWebviewMessage) => api.postMessage(message);
  const renderer = createMarkdownRenderer(env.win);
  const live = createLiveRegion(doc);

  const header = new ReviewHeader(doc, post);
  const excluded = createExcludedList(doc);
  const placeholder = el(doc, 'p', { className: 'placeholder', testId: 'review-empty', text: 'Waiting for the review to start…' });
  const experts = el(doc, 'div', { className: 'sections', testId: 'sections', attrs: { 'aria-label': 'Experts' } });
  const synthesis = el(doc, 'div', { className: 'sections synthesis', testId: 'synthesis' });
  const findings = new FindingsList(doc, renderer, {
    open: (findingId) => post({ type: 'openFinding', findingId }),
    applyFix: (findingId) => post({ type: 'applyFix', findingId }),
    askFollowUp: (findingId) => post({ type: 'askFollowUp', findingId }),
  });
  const cost = createCostLine(doc);
  root.replaceChildren(header.element, excluded, placeholder, experts, synthesis, findings.element, cost, live.element);

  let state: ReviewState | undefined;
  const sections = new SectionList({
    ...env,
    renderer,
    containerFor: (id) => (id === SYNTHESIS_SECTION ? synthesis : experts),
    fallbackTitle: (id) => (id === SYNTHESIS_SECTION ? 'Synthesis' : id),
    onStatusChange: (section) => {
      const note = sectionNoteText(section);
      live.announce(`${section.title}: ${note || section.status}`);
    },
  });
  const ticker = createTicker(env.win, () => sections.tick());
  const saver = createStateSaver(env.win, () => {
    if (state) api.setState({ ...state, sections: sections.snapshot() });
  });
  const removeContentActions = installContentActions(root, {
    openLink: (href) => post({ type: 'openLink', href }),
    copyText: (text) => post({ type: 'copyText', text }),
  });

  function show(next: ReviewState): void {
    state = next;
    placeholder.hidden = true;
    header.show(next.title, next.targets, next.simulated);
    renderExcluded(excluded, next.excluded);
    sections.reset(next.sections);
    if (next.findings) findings.render(next.findings.findings, next.findings.dropped);
    else findings.clear();
    if (next.cost) renderCost(cost, next.cost);
    else cost.hidden = true;
    if (next.done) header.showOutcome(next.done);
    ticker.setActive(!next.done && sections.anyRunning);
  }

  function handle(message: ReviewHostMessage): void {
    switch (message.type) {
      case 'review/init':
        // The host is the source of truth: an init starts over, and a replay follows with `text`.
        show(reviewStateFromInit(message));
        saver.saveNow();
        return;
      case 'review/update':
        if (!state) return;
        for (const update of message.updates) sections.apply(update);
        ticker.setActive(!state.done && sections.anyRunning);
        saver.schedule();
        return;
      case 'review/findings':
        if (!state) return;
        state.findings = { findings: message.findings, dropped: message.dropped };
        findings.render(message.findings, message.dropped);
        live.announce(`${message.findings.length} ${message.findings.length === 1 ? 'finding' : 'findings'}`);
        saver.schedule();
        return;
      case 'review/cost':
        if (!state) return;
        state.cost = message.cost;
        renderCost(cost, message.cost);
        saver.schedule();
        return;
      case 'review/done': {
        if (!state) return;
        state.done = { status: message.status, ...(message.message !== undefined ? { message: message.message } : {}) };
        live.announce(header.showOutcome(state.done));
        ticker.setActive(false);
        saver.saveNow();
        return;
      }
    }
  }

  const saved = api.getState();
  if (isReviewState(saved)) show(saved);

  return {
    handle,
    dispose() {
      ticker.dispose();
      saver.dispose();
      removeContentActions();
    },
  };
}
