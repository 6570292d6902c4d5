// The review panel: wires host messages to the views and keeps a persistable copy of the state.
import { SYNTHESIS_SECTION, type ReviewHostMessage, type ReviewWebviewMessage } from '../../shared/protocol';
import { el } from '../lib/dom';
import { createMarkdownRenderer } from '../lib/markdown';
import { resolveEnvironment, type PanelEnvironment } from '../lib/panelEnvironment';
import { SectionedRun } from '../lib/sectionedRun';
import { createExcludedList, renderExcluded } from './excludedList';
import { FindingsList } from './findingsList';
import { FindingsStatus } from './findingsStatus';
import { createRulesList, renderRules } from './rulesList';
import { LaneControls } from './laneControls';
import { LaneCost } from './laneCost';
import { estimateTokens, renderDraft, renderSummary } from './liveDraft';
import { ReviewHeader } from './reviewHeader';
import { isReviewState, reviewStateFromInit, type ReviewState } from './reviewState';

export interface ReviewPanel {
  handle(message: ReviewHostMessage): void;
  dispose(): void;
}

export function mountReview(
  root: HTMLElement,
  environment: PanelEnvironment<ReviewWebviewMessage, ReviewState>,
): ReviewPanel {
  const env = resolveEnvironment(environment);
  const { doc, api } = env;
  const post = (message: ReviewWebviewMessage) => api.postMessage(message);
  const renderer = createMarkdownRenderer(env.win);

  const header = new ReviewHeader(doc, post);
  const excluded = createExcludedList(doc);
  const rules = createRulesList(doc);
  const placeholder = el(doc, 'p', {
    className: 'placeholder',
    testId: 'review-empty',
    text: 'Waiting for the review to start…',
  });
  const experts = el(doc, 'div', {
    className: 'sections lanes',
    testId: 'sections',
    attrs: { 'aria-label': 'Experts' },
  });
  const synthesis = el(doc, 'div', { className: 'sections synthesis', testId: 'synthesis' });
  const findings = new FindingsList(doc, renderer, {
    open: (findingId) => post({ type: 'openFinding', findingId }),
    applyFix: (findingId) => post({ type: 'applyFix', findingId }),
    previewFix: (findingId) => post({ type: 'previewFix', findingId }),
    dismiss: (findingId) => post({ type: 'dismissFinding', findingId }),
    askFollowUp: (findingId) => post({ type: 'askFollowUp', findingId }),
  });
  const status = new FindingsStatus(doc, (findingId) => post({ type: 'restoreFinding', findingId }));
  findings.element.append(status.element);
  const run = new SectionedRun<ReviewState>({
    env,
    root,
    renderer,
    containerFor: (id) => (id === SYNTHESIS_SECTION ? synthesis : experts),
    fallbackTitle: (id) => (id === SYNTHESIS_SECTION ? 'Synthesis' : id),
    showOutcome: (outcome) => header.showOutcome(outcome),
    // Sections carry the experts' raw JSON as streamed; it is turned into Markdown as it renders, and
    // its size gives the token estimate the host used to send with every update.
    toMarkdown: renderDraft,
    tokensOf: estimateTokens,
    // Each finding is shown once, in the findings list: an expert is a compact lane (its live text
    // folded away) and the synthesis card keeps only its summary.
    sectionOptions: (id) => (id === SYNTHESIS_SECTION ? { toMarkdown: renderSummary } : { collapsible: true }),
  });
  const lanes = new LaneControls(doc, root, post);
  const laneCost = new LaneCost(doc, root);
  // What the user acts on comes first: the synthesis summary and the findings, then cost, then the lanes.
  root.replaceChildren(
    header.element,
    rules,
    excluded,
    placeholder,
    synthesis,
    findings.element,
    run.cost,
    laneCost.total,
    experts,
    run.live.element,
  );

  function show(next: ReviewState): void {
    placeholder.hidden = true;
    delete placeholder.dataset['phase'];
    header.show(next.title, next.targets, next.simulated, next.provider, next.kind);
    renderExcluded(excluded, next.excluded, next.excludedCounts);
    renderRules(rules, next.rules);
    if (next.findings) {
      findings.render(next.findings.findings, next.findings.dropped);
      status.render(next.findings.reReview, next.findings.dismissed);
    } else findings.clear();
    run.show(next);
    lanes.sync();
  }

  function handle(message: ReviewHostMessage): void {
    switch (message.type) {
      case 'review/gathering':
        // Before the plan: only the title and how far gathering got; the init that follows replaces it.
        placeholder.hidden = false;
        placeholder.dataset['phase'] = 'gathering';
        placeholder.textContent = `${message.title}: ${message.message}`;
        return;
      case 'review/init':
        // The host is the source of truth: an init starts over, and a replay follows with `text` and lane costs.
        laneCost.reset();
        show(reviewStateFromInit(message));
        run.saveNow();
        return;
      case 'review/update':
        run.update(message.updates);
        for (const u of message.updates) {
          // A lane restarted (retried) says so with empty text and `queued`: its old figures go.
          if (u.text === '' && u.status === 'queued') laneCost.clear(u.id);
          if (u.cost) laneCost.show(u.cost);
        }
        return lanes.sync();
      case 'review/laneCost':
        return laneCost.show(message.lane);
      case 'review/findings': {
        const state = run.state;
        if (!state) return;
        state.findings = {
          findings: message.findings,
          dropped: message.dropped,
          ...(message.dismissed && { dismissed: message.dismissed }),
          ...(message.reReview && { reReview: message.reReview }),
        };
        findings.render(message.findings, message.dropped);
        status.render(message.reReview, message.dismissed);
        const shown = message.findings.filter((f) => !f.hiddenBecause).length;
        run.live.announce(`${shown} ${shown === 1 ? 'finding' : 'findings'}`);
        run.saveSoon();
        return;
      }
      case 'review/cost':
        return run.setCost(message.cost);
      case 'review/done':
        laneCost.finish();
        return run.finish(message.status, message.message);
      case 'review/expertsLeft':
        return header.showExpertsLeft(message.count);
      case 'review/rules':
        if (run.state) run.state.rules = message.rules;
        renderRules(rules, message.rules);
        run.saveNow(); // once or twice a review
        return;
    }
  }

  const saved = api.getState();
  if (isReviewState(saved)) show(saved);

  return { handle, dispose: () => run.dispose() };
}
